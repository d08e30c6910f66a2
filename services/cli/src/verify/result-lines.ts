import { createHash } from 'node:crypto';

/**
 * The results hash built line by line: each line is what `resultLine` of @prizedraw/events makes (the result's
 * contract fields as canonical JSON, then `\n`), written out with its keys already in sorted order, since a
 * million canonicalJson calls (entries, sort, join each) would cost seconds. Lines are hashed in batches:
 * a million small updates cost more than the hashing.
 */
export function resultLines(drawId: string) {
  const hash = createHash('sha256');
  const drawIdJson = JSON.stringify(drawId);
  let batch = '';
  return {
    /** Adds the next result's line, in rank order; `prizeJson` is the prize as canonical JSON. */
    add(
      accountId: string,
      { outcome, prizeJson }: { outcome: string; prizeJson: string },
      rank: number,
      ticket: string,
      tickets: number,
    ): void {
      batch += `{"accountId":${JSON.stringify(accountId)},"drawId":${drawIdJson},"outcome":${JSON.stringify(outcome)},"prize":${prizeJson},"rank":${rank},"ticket":${JSON.stringify(ticket)},"tickets":${tickets}}\n`;
      if (batch.length < 65_536) return;
      hash.update(batch);
      batch = '';
    },
    /** The hash of every line added, lowercase hex. */
    digest: () => hash.update(batch).digest('hex'),
  };
}
