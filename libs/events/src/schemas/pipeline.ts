import { z } from 'zod';
import { count, dateTime, id, moneyMinor, ticket } from './common';

// Events between prizedraw's own services. They are CloudEvents like the public ones, but not part of the
// public contract: they may change with the services that write and read them.

const partition = () => z.int().nonnegative();

/**
 * `prizedraw.draw-marker.v1`: a draw trigger travelling through the pipeline in partition order. The trigger
 * is fanned out into every partition of the activity topic; ingestion copies each marker into every partition
 * of its output (it re-keys records, so any output partition may hold records from any input partition) with
 * the input partition as `sourcePartition`. A wallet partition that has seen the marker from all
 * `sourcePartitions` has seen every record produced to the activity topic before the trigger.
 */
export const drawMarkerSchema = z
  .object({
    drawId: id(),
    triggerId: id().describe('Id of the trigger event, for tracing.'),
    sourcePartitions: z
      .int()
      .positive()
      .describe('Partitions of the activity topic: markers a wallet waits for.'),
    sourcePartition: partition()
      .optional()
      .describe('Activity partition this copy passed through; set by ingestion.'),
    cutoffOffset: z
      .string()
      .regex(/^\d+$/, 'Expected a Kafka offset')
      .optional()
      .describe("Offset of the marker in that activity partition (the draw's cut-off); set by ingestion."),
  })
  .describe('A draw trigger moving through the pipeline behind the activity that came before it.');

/** The slice of a draw definition the later stages need, carried along so they need no lookups. */
export const drawRulesSchema = z.object({
  administrator: z.enum(['in-house', 'sca']),
  closesAt: dateTime(),
  stakePerTicketMinor: moneyMinor().positive().optional(),
  maxWinsPerCustomer: z.int().positive(),
  milestones: z.array(z.int().positive()),
  dedupeOnEmail: z.boolean(),
});

/**
 * A contest entry as the SCA entries file needs it, carried from enrichment through ticket-rules to the
 * wallet's run for draws administered by SCA (one row of the file per entry).
 */
export const contestEntrySchema = z.object({
  entryId: id(),
  utmContent: id(),
  email: z.string().describe('Normalized email.'),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  phone: z.string().optional(),
  site: z.string().optional(),
  accountId: z.string().optional(),
  enteredAt: dateTime().describe('When the entry was made (the entry event time), UTC.'),
});

/** `prizedraw.activity-enriched.v1`: one activity counted for one draw, on `{brand}.cpp.enriched.events`. */
export const enrichedActivitySchema = z
  .object({
    drawId: id(),
    customerId: id().describe('Account id, or the normalized email of a contest entry without one; the key.'),
    kind: z.enum(['stake', 'award', 'entry']),
    activityId: id().describe('The activity, award or entry id: what dedupe compares.'),
    occurredAt: dateTime(),
    stakeMinor: moneyMinor().optional(),
    tickets: z.int().positive().optional().describe('Tickets an award pushes.'),
    email: z.string().optional().describe('Normalized email of an entry, for one-entry-per-email contests.'),
    draw: drawRulesSchema,
    tags: z.array(z.string()),
    entry: contestEntrySchema.optional().describe('The entry details, when the activity is a contest entry.'),
  })
  .describe('An activity matched to a draw it counts for.');

/** `prizedraw.tickets-granted.v1`: tickets a customer earned in a draw, on `{brand}.tickets`. */
export const ticketsGrantedSchema = z
  .object({
    drawId: id(),
    customerId: id(),
    grantId: id().describe('The activity that earned them.'),
    tickets: z.int().positive(),
    total: z.int().positive().describe("The customer's ticket count in the draw after this grant."),
    maxWinsPerCustomer: z.int().positive(),
    entry: contestEntrySchema
      .optional()
      .describe('The entry that earned them, in draws administered by SCA: the wallet keeps every one.'),
  })
  .describe('New tickets for a customer; the wallet turns each into a random ticket value.');

/** One customer's ticket in a wallet partition's run, as a run chunk carries it. */
export const runChunkEntrySchema = z.object({
  ticket: ticket(),
  customerId: id(),
  tickets: z.int().positive().describe("The customer's ticket count in the draw."),
  entries: z
    .array(contestEntrySchema)
    .optional()
    .describe(
      "In draws administered by SCA, on the customer's best ticket: every entry they made, in order.",
    ),
  excluded: z
    .literal(true)
    .optional()
    .describe('The customer was excluded (customer exclusions topic) when the run was sent: wins no prize.'),
});

/**
 * `prizedraw.run-chunk.v1`: consecutive entries of a wallet partition's run, highest ticket first. A run
 * goes out in chunks (one record per up to a thousand entries, not one per entrant): what a draw of a
 * million entrants moves through Kafka before its results.
 */
export const runChunkSchema = z.object({
  drawId: id(),
  partition: partition().describe('Wallet partition of this run.'),
  firstSeq: count().describe('Position in the run of the first entry, from 0.'),
  entries: z.array(runChunkEntrySchema).min(1),
});

/**
 * `prizedraw.run-entry.v1`: one customer's ticket in a wallet partition's run, highest first. What wallets
 * sent before runs went in chunks; still read, as a chunk of one entry.
 */
export const runEntrySchema = runChunkEntrySchema.extend({
  drawId: id(),
  partition: partition().describe('Wallet partition of this run.'),
  seq: count().describe('Position in this run, from 0.'),
});

/** `prizedraw.run-end.v1`: closes a wallet partition's run. */
export const runEndSchema = z.object({
  drawId: id(),
  partition: partition(),
  partitions: z.int().positive().describe('How many wallet partitions send a run for this draw.'),
  entries: count(),
  tickets: count(),
  cutoffOffsets: z
    .array(z.object({ partition: partition(), offset: z.string().regex(/^\d+$/, 'Expected a Kafka offset') }))
    .optional()
    .describe("Per activity partition, the marker's offset there; when every marker carried one."),
  exclusionsOffset: z
    .string()
    .regex(/^\d+$/, 'Expected a Kafka offset')
    .optional()
    .describe(
      'The exclusions partition of the same number: the offset of the first record not applied when the run was sent.',
    ),
});

/** `prizedraw.late-ticket.v1`: tickets that reached the wallet after the draw's run was sent. */
export const lateTicketSchema = z.object({
  drawId: id(),
  customerId: id(),
  grantId: id(),
  tickets: z.int().positive(),
});

/**
 * `prizedraw.sca-export-ready.v1` on `{brand}.sca.exports` (key drawId): every wallet partition's run of an
 * SCA draw is on the runs topic, all within `[fromOffset, toOffset]` of runs partition `runsPartition`.
 */
export const scaExportReadySchema = z.object({
  drawId: id(),
  runsPartition: partition(),
  fromOffset: z.string().regex(/^\d+$/, 'Expected a Kafka offset'),
  toOffset: z.string().regex(/^\d+$/, 'Expected a Kafka offset'),
  partitions: z.int().positive().describe('Wallet partitions whose runs make up the draw.'),
  entries: count().describe('Run entries (customers) in all runs.'),
});

export type ContestEntry = z.output<typeof contestEntrySchema>;
export type ScaExportReady = z.output<typeof scaExportReadySchema>;
export type DrawMarker = z.output<typeof drawMarkerSchema>;
export type DrawRules = z.output<typeof drawRulesSchema>;
export type EnrichedActivity = z.output<typeof enrichedActivitySchema>;
export type TicketsGranted = z.output<typeof ticketsGrantedSchema>;
export type RunEntry = z.output<typeof runEntrySchema>;
export type RunChunk = z.output<typeof runChunkSchema>;
export type RunChunkEntry = z.output<typeof runChunkEntrySchema>;
export type RunEnd = z.output<typeof runEndSchema>;
export type LateTicket = z.output<typeof lateTicketSchema>;
