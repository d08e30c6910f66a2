import { createHash, createHmac } from 'node:crypto';

// The verifiable-draw scheme, byte by byte as docs/verifiable-draws.md writes it down. An auditor's verifier
// (tools/verify-draw.mjs) reimplements exactly this from the document; nothing here may change without a new
// scheme name.

/** Name of the scheme a draw record follows. */
export const DRAW_SCHEME = 'prizedraw-verifiable-draw-v1';

/** Bytes of a draw seed: 256 bits. */
export const SEED_BYTES = 32;

/** Lowercase hex sha256 of `bytes`. */
export function sha256Hex(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** `seedCommitment` of a seed: sha256 of its 32 raw bytes (not of its hex), lowercase hex. */
export function seedCommitmentOf(seed: Buffer): string {
  return sha256Hex(seed);
}

/** A string as bytes for hashing: 4-byte big-endian length of its UTF-8, then the UTF-8. */
export function lengthPrefixed(text: string): Buffer {
  const utf8 = Buffer.from(text, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(utf8.length);
  return Buffer.concat([length, utf8]);
}

/** An unsigned integer as 8 bytes big-endian. */
export function uint64(value: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(value));
  return bytes;
}

/**
 * The HMAC message of ticket `n` (1 = the customer's first ticket in the draw) of `customerId` in `drawId`:
 * lengthPrefixed(drawId) ‖ lengthPrefixed(customerId) ‖ uint64(n). Length prefixes make it unambiguous.
 */
export function ticketMessage(drawId: string, customerId: string, n: number): Buffer {
  return Buffer.concat([lengthPrefixed(drawId), lengthPrefixed(customerId), uint64(n)]);
}

/** Ticket `n` of a customer: the first 16 bytes of HMAC-SHA256(seed, ticketMessage(…)). */
export function deriveTicket(seed: Buffer, drawId: string, customerId: string, n: number): Buffer {
  return createHmac('sha256', seed)
    .update(ticketMessage(drawId, customerId, n))
    .digest()
    .subarray(0, 16);
}

/**
 * JSON with object keys sorted (by UTF-16 code unit, as `Array.prototype.sort`), no whitespace, `undefined`
 * members left out: the one serialization the record's hashes are taken over.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The contract fields of a result: what the results hash covers (extensions such as `prizes` are not). */
export interface HashedResult {
  drawId: string;
  accountId: string;
  outcome: string;
  prize: { prizeId: string; name: string } | null;
  ticket: string;
  rank: number;
  tickets: number;
}

/** A result's outcome as {@link resultLines} takes it: `prizeJson` is the prize (or null) as canonical JSON. */
export interface LineOutcome {
  outcome: string;
  prizeJson: string;
}

/**
 * A result's line without its `\n`: its contract fields as canonical JSON. Written out in the fields' sorted
 * order, which is what {@link canonicalJson} of those fields gives (draw-scheme.test.ts checks it), without
 * sorting seven keys per line; the draw id and the prize come as JSON already, and the integers print as JSON does.
 */
function canonicalResultOf(
  accountId: string,
  drawIdJson: string,
  { outcome, prizeJson }: LineOutcome,
  rank: number,
  ticket: string,
  tickets: number,
): string {
  const json = JSON.stringify;
  return `{"accountId":${json(accountId)},"drawId":${drawIdJson},"outcome":${json(outcome)},"prize":${prizeJson},"rank":${rank},"ticket":${json(ticket)},"tickets":${tickets}}`;
}

/** The line of a result in the results hash (see {@link resultLines} for a draw's million of them). */
export function resultLine({
  drawId,
  accountId,
  outcome,
  prize,
  ticket,
  rank,
  tickets,
}: HashedResult): string {
  const prizeJson = canonicalJson(prize);
  return `${canonicalResultOf(accountId, JSON.stringify(drawId), { outcome, prizeJson }, rank, ticket, tickets)}\n`;
}

/**
 * The results hash built line by line, each line what {@link resultLine} makes, with the draw id's JSON made
 * once and each outcome's prize JSON made by the caller, once per outcome (a draw's results share a few): a
 * million-entrant draw, or a verifier of it, adds a million lines. Lines are hashed ~64 KB at a time: a million
 * small updates cost more than the hashing.
 */
export function resultLines(drawId: string) {
  const hash = createHash('sha256');
  const drawIdJson = JSON.stringify(drawId);
  let batch = '';
  return {
    /**
     * Adds the next result's line, in rank order, and gives it back without its `\n`: the result's contract
     * fields as canonical JSON, which is also valid data for the result's event when it has no other field.
     */
    add(accountId: string, outcome: LineOutcome, rank: number, ticket: string, tickets: number): string {
      const json = canonicalResultOf(accountId, drawIdJson, outcome, rank, ticket, tickets);
      batch += `${json}\n`;
      if (batch.length >= 65_536) {
        hash.update(batch);
        batch = '';
      }
      return json;
    },
    /** The hash of every line added, lowercase hex; add no more lines after it. */
    digest: () => hash.update(batch).digest('hex'),
  };
}

/** sha256 over the result lines in ascending rank order, lowercase hex. */
export function resultsHashOf(results: readonly HashedResult[]): string {
  const hash = createHash('sha256');
  for (const result of [...results].sort((a, b) => a.rank - b.rank)) hash.update(resultLine(result));
  return hash.digest('hex');
}
