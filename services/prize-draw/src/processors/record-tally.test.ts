import { createHash } from 'node:crypto';
import { resultLine, resultsHashOf } from '@prizedraw/events';
import type { DrawResultData } from './draw-result-of';
import { type DrawStatus, newDrawStatus } from './draw-status';
import { RecordTally, tallyForSlice } from './record-tally';

const emitting = (rank: number): DrawStatus => ({
  ...newDrawStatus('xmas'),
  phase: 'emitting',
  partitions: 1,
  runEnds: [{ partition: 0, entries: 3, tickets: 3 }],
  emit: { positions: [rank], rank, entrants: rank, winners: 0 },
});

const result = (accountId: string, rank: number, excluded?: true): DrawResultData => ({
  drawId: 'xmas',
  accountId,
  outcome: 'lost',
  prize: null,
  ticket: `00000000-0000-0000-0000-00000000000${rank}`,
  rank,
  tickets: rank,
  ...(excluded && { excluded }),
});

describe('RecordTally', () => {
  it('hashes results whose prizes change from line to line as their lines hash, past one batch of lines', () => {
    const spins = { prizeId: 'spins', name: 'Free "spins"' };
    // The default prize is one object shared by many results; table prizes come one object each.
    const prizeOf = (i: number) => (i % 5 === 0 ? { prizeId: `gold-${i % 3}`, name: 'Gold' } : spins);
    const results = Array.from({ length: 3_000 }, (_, i): DrawResultData => {
      const lost = i % 7 === 3;
      return {
        ...result(`acc-${i}-ü`, i + 1),
        ...(lost ? {} : { outcome: 'won', prize: prizeOf(i) }),
      };
    });
    const tally = new RecordTally(emitting(0));
    for (const each of results) tally.addResult(each);

    expect(tally.resultsHash()).toBe(resultsHashOf(results));
  });

  it('keeps the entrants, the excluded, and the hash of the result lines in rank order', () => {
    const results = [result('bob', 1), result('ann', 2, true), result('cat', 3)];
    const tally = new RecordTally(emitting(0));
    for (const each of results) tally.addResult(each);
    tally.addEntrant('dan', 9, undefined);

    expect(tally.entrants.entries(Uint32Array.of(0, 1, 2, 3), 0, 4)).toEqual([
      { accountId: 'bob', tickets: 1 },
      { accountId: 'ann', tickets: 2 },
      { accountId: 'cat', tickets: 3 },
      { accountId: 'dan', tickets: 9 },
    ]);
    expect(tally.excluded).toEqual(['ann']);
    const lines = createHash('sha256').update(results.map(resultLine).join(''));
    expect(tally.resultsHash()).toBe(lines.digest('hex'));
  });
});

describe('tallyForSlice', () => {
  it('starts a tally with the emission and keeps it while each slice ends where the next begins', () => {
    const tallies = new Map<string, RecordTally>();
    const first = tallyForSlice(tallies, emitting(0))!;
    first.through = 2;
    expect(tallyForSlice(tallies, emitting(2))).toBe(first);
  });

  it.each([
    ['another process emitted a slice', 2, 5],
    ["a slice's transaction was aborted after its results were tallied", 4, 2],
  ])('drops the tally when %s: the record then walks the runs', (_, through, rank) => {
    const tallies = new Map<string, RecordTally>();
    tallyForSlice(tallies, emitting(0))!.through = through;
    expect(tallyForSlice(tallies, emitting(rank))).toBeUndefined();
    expect(tallies.size).toBe(0);
  });

  it('never reuses a tally whose slice failed halfway', () => {
    const tallies = new Map<string, RecordTally>();
    const failed = tallyForSlice(tallies, emitting(0))!;
    failed.addResult(result('bob', 1));
    // The slice threw before it said how far it got: the emission starts again from rank 0.
    const again = tallyForSlice(tallies, emitting(0));
    expect(again).toBeDefined();
    expect(again).not.toBe(failed);
  });

  it('has no tally for an emission this process joined halfway', () => {
    expect(tallyForSlice(new Map(), emitting(7))).toBeUndefined();
  });
});
