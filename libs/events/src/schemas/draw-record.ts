import { z } from 'zod';
import { count, dateTime, id } from './common';
import { drawDefinedSchema } from './draw-definition';

const sha256Hex = () => z.string().regex(/^[0-9a-f]{64}$/, 'Expected a lowercase hex sha256 (64 characters)');
const offset = () => z.string().regex(/^\d+$/, 'Expected a Kafka offset');

/** One entrant in a draw record: who, and how many tickets they held (the Merkle leaf). */
export const recordEntrySchema = z.object({
  accountId: id().describe('The entrant (account id, or normalized email), as in their result.'),
  tickets: z.int().positive().describe('Tickets the entrant held in the draw.'),
});

/**
 * `prizedraw.draw-record.v1` on `{brand}.draw.records` (compacted, key = drawId): what anyone needs to check
 * a draw, written with its draw-completed (an SCA draw's, which has no draw-completed, once its runs are all
 * in). See docs/verifiable-draws.md for every hash, byte by byte.
 */
export const drawRecordSchema = z
  .object({
    drawId: id().describe('The draw; also the record key.'),
    scheme: z.literal('prizedraw-verifiable-draw-v1').describe('How the hashes and tickets are computed.'),
    verifiable: z
      .boolean()
      .describe(
        'False when the definition commits to no seed (random tickets), the seed is missing, or SCA ' +
          'administers the draw (its record lists the entries and has no results: SCA draws the winners).',
      ),
    reason: z.string().optional().describe('Why the draw is not verifiable, when it is not.'),
    seed: sha256Hex()
      .optional()
      .describe('The revealed 256-bit seed, lowercase hex; sha256 of its bytes is seedCommitment.'),
    definition: drawDefinedSchema.describe('The definition the draw ran with, defaults filled in.'),
    definitionHash: sha256Hex().describe('sha256 of the canonical JSON of definition.'),
    activityTopic: id().describe('The activity topic the cut-off offsets are of.'),
    cutoffOffsets: z
      .array(z.object({ partition: z.int().nonnegative(), offset: offset() }))
      .optional()
      .describe('Per activity partition: the offset of the draw marker; activity before it counted.'),
    exclusionOffsets: z
      .array(z.object({ partition: z.int().nonnegative(), offset: offset() }))
      .optional()
      .describe(
        'Per partition of the customer exclusions topic: the offset of the first record not applied when the ' +
          "draw's run of that partition was sent; the exclusion status before it counted.",
      ),
    excluded: z
      .array(id())
      .optional()
      .describe(
        'Entrants excluded at draw time, in leaf order: their tickets were skipped (the next ticket took the ' +
          'prize) and their result is lost.',
      ),
    entrants: count(),
    tickets: count(),
    winners: count(),
    lateTickets: count(),
    entriesRoot: sha256Hex().describe('Merkle root over the entries sorted by the UTF-8 bytes of accountId.'),
    entryChunks: count().describe('How many prizedraw.draw-record-entries.v1 records hold the entries.'),
    resultsHash: sha256Hex().describe('sha256 over the results as canonical JSON lines in rank order.'),
    completedAt: dateTime(),
  })
  .describe('The published record of a completed draw: revealed seed, entries root, cut-offs, results hash.');

/**
 * `prizedraw.draw-record-entries.v1` on `{brand}.draw.records` (key = `<drawId>|entries|<chunk>`): one chunk
 * of a draw record's entry list, in leaf order (chunk 0 first).
 */
export const drawRecordEntriesSchema = z
  .object({
    drawId: id(),
    chunk: count().describe('Position of this chunk, from 0.'),
    entries: z.array(recordEntrySchema),
  })
  .describe('Part of the entry list of a draw record, in Merkle leaf order.');

/** Data of `prizedraw.draw-record.v1`. */
export type DrawRecord = z.output<typeof drawRecordSchema>;
/** Data of `prizedraw.draw-record-entries.v1`. */
export type DrawRecordEntries = z.output<typeof drawRecordEntriesSchema>;
