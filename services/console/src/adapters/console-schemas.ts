import {
  customerMessageSchema,
  drawCompletedSchema,
  drawDefinedSchema,
  drawResultSchema,
} from '@prizedraw/events';
import { z } from 'zod';

/** The states a draw is shown in. */
export const drawStateSchema = z
  .enum(['scheduled', 'open', 'closing', 'drawing', 'completed', 'skipped-sca'])
  .describe(
    'scheduled (not open yet), open, closing (closed, not triggered), drawing, completed; skipped-sca: an SCA ' +
      'draw once triggered, which prize-draw leaves to SCA (its entries are exported).',
  );

/** `prizedraw verify <drawId>` run by the console, as the draw page shows it. */
export const fullVerificationSchema = z
  .object({
    state: z.enum(['running', 'verified', 'differs', 'failed']),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    summary: z.string().nullable().describe('Its last line when verified, or why it failed.'),
    problems: z.array(z.string()).describe("Each 'differs:' line (the first 50, then a count)."),
  })
  .meta({ id: 'ConsoleFullVerification' });

/** A draw on the Draws page. */
export const drawSummarySchema = z
  .object({
    drawId: z.string(),
    promoCode: z.string(),
    administrator: z.enum(['in-house', 'sca']),
    state: drawStateSchema,
    entrants: z.int().nonnegative().describe('Customers with at least one ticket so far.'),
    tickets: z.int().nonnegative().describe('Tickets so far.'),
    timezone: z.string(),
    opensAt: z.string(),
    closesAt: z.string(),
    opensLocal: z.string().describe("opensAt in the draw's time zone, e.g. 2026-12-24 18:00 Europe/London."),
    closesLocal: z.string().describe("closesAt in the draw's time zone."),
  })
  .meta({ id: 'ConsoleDrawSummary' });

/** A page of the draw list, latest closing first. */
export const drawListQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(100)
    .describe('How many draws, at most; the next page goes on from the last.'),
  after: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe("The page starts after this draw: the previous page's `next`. Default: the first page."),
});

/** The draws of a page, latest closing first (then by draw id), how many are defined, and the next page. */
export const drawListSchema = z.object({
  draws: z.array(drawSummarySchema),
  total: z.int().nonnegative().describe('Every defined draw, all pages together.'),
  next: z
    .string()
    .nullable()
    .describe('The `after` of the next page (its last draw id); null on the last page.'),
});

/** One draw's page. */
export const drawDetailSchema = drawSummarySchema
  .extend({
    prizes: drawDefinedSchema.shape.prizes,
    triggeredAt: z.string().nullable().describe('When the trigger was seen on the triggers topic.'),
    results: z.int().nonnegative().describe('Results seen so far.'),
    winnersByPrize: z.array(
      z.object({ prizeId: z.string(), name: z.string(), count: z.int().nonnegative() }),
    ),
    histogram: z
      .array(z.object({ from: z.int(), to: z.int().nullable(), customers: z.int().nonnegative() }))
      .describe('Customers by tickets held: 1, 2–4, 5–9, 10–49, 50–99, 100 or more.'),
    milestones: z
      .array(z.object({ tickets: z.int(), customers: z.int().nonnegative() }))
      .describe('How many customers reached each milestone of the draw.'),
    completed: drawCompletedSchema.nullable(),
    partitions: z
      .array(
        z.object({
          partition: z.int().nonnegative(),
          runEntries: z.int().nonnegative(),
          runEnded: z.boolean(),
          results: z.int().nonnegative(),
        }),
      )
      .describe('After the trigger: per wallet partition, run entries sent, run ended, results written.'),
    partitionsExpected: z.int().positive().nullable(),
    verification: z
      .object({
        verifiable: z.boolean(),
        reason: z.string().nullable(),
        seedMatchesCommitment: z
          .boolean()
          .nullable()
          .describe('sha256(seed) = seedCommitment; null: no seed.'),
        seedCommitment: z.string().nullable(),
        entriesRoot: z.string(),
        resultsHash: z.string(),
        completedAt: z.string(),
      })
      .nullable()
      .describe('From the draw record, once published.'),
    fullVerification: fullVerificationSchema
      .nullable()
      .describe('The last `prizedraw verify` run from the console (POST …/verify), or the one running.'),
  })
  .meta({ id: 'ConsoleDrawDetail' });

/** A page of results. */
export const resultsPageSchema = z
  .object({
    total: z.int().nonnegative().describe('Results of the draw seen so far.'),
    kept: z.int().nonnegative().describe('Results the console keeps (CONSOLE_RESULTS_KEPT per draw).'),
    results: z.array(drawResultSchema),
  })
  .meta({ id: 'ConsoleResultsPage' });

/** A customer's draws. */
export const customerSchema = z
  .object({
    accountId: z.string(),
    draws: z.array(
      z.object({
        drawId: z.string(),
        promoCode: z.string(),
        state: drawStateSchema,
        tickets: z.int().nonnegative(),
        bestTicket: z
          .string()
          .nullable()
          .describe(
            'From the result once drawn; before, from the wallet (CONSOLE_WALLET_URLS); null: unknown.',
          ),
        result: drawResultSchema.nullable(),
      }),
    ),
    messages: z
      .array(
        z.object({
          message: customerMessageSchema,
          queuedAt: z
            .string()
            .nullable()
            .describe(
              'When it was queued; null: delivered at once, never queued (or its queue record not kept).',
            ),
          deliveredAt: z
            .string()
            .nullable()
            .describe(
              "When the gateway's answer was had, from the message's delivered event on " +
                '{brand}.customer-messages.delivered; null while none is read.',
            ),
          deliveredBy: z
            .enum(['notifications', 'message-queue'])
            .nullable()
            .describe(
              'Who wrote that event: notifications (delivered at once to an open page) or the message queue ' +
                '(delivered later, when the customer came online); null without one.',
            ),
          status: z
            .enum(['waiting', 'expired', 'deleted', 'delivered', 'not-read'])
            .nullable()
            .describe(
              'With a delivered event: delivered. Queued, from the message queue: waiting in msq_messages, ' +
                'expired, deleted by an instruction, delivered (read by the queue and gone from msq_messages ' +
                'otherwise), not-read (the queue has not reached it); null: its tables cannot be read (no ' +
                'MYSQL_URL).',
            ),
          partition: z.int().nonnegative().nullable(),
          offset: z
            .string()
            .nullable()
            .describe('On {brand}.message-queue.inbound; null: only in msq_messages, or delivered at once.'),
        }),
      )
      .describe(
        'The messages notifications queued for the customer or delivered to their open page at once, newest first.',
      ),
  })
  .meta({ id: 'ConsoleCustomer' });

export const customerParamsSchema = z.object({
  accountId: z.string().min(1).max(200).describe('The customer (account id).'),
});

export const drawParamsSchema = z.object({ drawId: z.string().min(1).max(200).describe('The draw.') });

export const resultsQuerySchema = z.object({
  account: z.string().min(1).max(200).optional().describe('Only the result of this account.'),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** The dead-letter topics with their counts by reason. */
export const deadLettersSchema = z
  .object({
    topics: z.array(
      z.object({
        topic: z.string(),
        count: z.int().nonnegative(),
        reasons: z.array(z.object({ reason: z.string(), count: z.int().nonnegative() })),
      }),
    ),
  })
  .meta({ id: 'ConsoleDeadLetters' });

const headerValueSchema = z
  .union([
    z.object({ text: z.string().describe('The value as text (its bytes are UTF-8).') }),
    z.object({ hex: z.string().describe("The value's bytes in hex (they are not UTF-8).") }),
  ])
  .nullable()
  .describe('One value of a header; null for a header without a value.');

/** The latest records of one dead-letter topic, or a page of one of its partitions. */
export const deadLetterRecordsSchema = z
  .object({
    topic: z.string(),
    page: z
      .object({
        partition: z.int().nonnegative(),
        low: z.string().describe("The partition's first offset."),
        high: z.string().describe("The partition's end (next offset)."),
        from: z.string().describe('First offset of the page.'),
        to: z.string().describe('End of the page (exclusive): the next page is `before` = `from`.'),
      })
      .nullable()
      .describe('null: the latest records the console keeps (CONSOLE_DEAD_LETTERS_KEPT), all partitions.'),
    records: z.array(
      z.object({
        partition: z.int().nonnegative(),
        offset: z.string(),
        key: z.string().nullable().describe('The key as UTF-8 text.'),
        value: z.string().nullable().describe('The value as UTF-8 text, cut at 4,096 characters.'),
        headers: z
          .record(z.string(), z.array(headerValueSchema))
          .describe(
            "Each header name with every one of its values, in the order they came. Kafka keeps a record's headers as one list; the console reads them through KafkaJS, which groups them by name, so how one name's values were interleaved with another's is not shown (and a re-drive sends them grouped by name).",
          ),
        reason: z.string(),
        originTopic: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'ConsoleDeadLetterRecords' });

export const deadLetterParamsSchema = z.object({
  topic: z.string().min(1).max(249).describe('The dead-letter topic (Kafka caps names at 249).'),
});

export const deadLetterPageQuerySchema = z.object({
  partition: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .describe('A page of this partition, read from Kafka; without it, the latest records the console keeps.'),
  before: z
    .string()
    .regex(/^\d{1,20}$/, 'Expected an offset')
    .optional()
    .describe("The page ends before this offset; default the partition's end."),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const redriveBodySchema = z.object({
  records: z
    .array(z.object({ partition: z.int().nonnegative(), offset: z.string().regex(/^\d{1,20}$/) }))
    .min(1)
    .max(100)
    .describe('The records to send back, by partition and offset.'),
});

/** The consumer lag of the deployment's stream applications, now and over the last samples. */
export const healthSchema = z
  .object({
    sampledAt: z.string().nullable().describe('When the lag was last sampled.'),
    groups: z.array(
      z.object({
        group: z.string(),
        lag: z.int().nonnegative(),
        topics: z.array(z.object({ topic: z.string(), lag: z.int().nonnegative() })),
        history: z.array(z.int().nonnegative()).describe('Lag at each sample, oldest first.'),
      }),
    ),
    topics: z
      .array(
        z.object({
          topic: z.string(),
          perSecond: z.array(z.number().nonnegative()),
          meanLatencyMs: z.array(z.int().nonnegative().nullable()),
          maxLatencyMs: z.array(z.int().nonnegative().nullable()),
        }),
      )
      .describe(
        'Per topic the console reads, by interval of CONSOLE_LAG_SAMPLE_MS (oldest first, the last still filling): ' +
          "records per second and end-to-end latency (the record's time minus its timeline's first stamp).",
      ),
    stages: z
      .array(
        z.object({ stage: z.string(), records: z.int().nonnegative(), meanHopMs: z.int().nonnegative() }),
      )
      .describe(
        "Each stamp's mean time after the one before it, over the same intervals: where time is spent.",
      ),
  })
  .meta({ id: 'ConsoleHealth' });

/** Each process's answer to `/health/ready`, as the console asked it just now. */
export const serviceReadinessSchema = z
  .object({
    services: z.array(
      z.object({
        url: z
          .string()
          .nullable()
          .describe("The process's base URL (CONSOLE_SERVICE_URLS); null: the console's own process."),
        checkedAt: z.string().describe('When it was asked.'),
        status: z
          .enum(['ready', 'not-ready', 'unreachable'])
          .describe('unreachable: no answer, or an answer that is not a readiness status.'),
        notReady: z.array(z.string()).describe('The stream applications it says are not ready.'),
        reason: z.string().nullable().describe('Why it is unreachable (its error, or what it answered).'),
      }),
    ),
  })
  .meta({ id: 'ConsoleServiceReadiness' });
