import { drawCompletedSchema, drawDefinedSchema, drawResultSchema } from '@prizedraw/events';
import { z } from 'zod';

/** The states a draw is shown in. */
export const drawStateSchema = z
  .enum(['scheduled', 'open', 'closing', 'drawing', 'completed', 'skipped-sca'])
  .describe(
    'scheduled (not open yet), open, closing (closed, not triggered), drawing, completed; skipped-sca: an SCA ' +
      'draw once triggered, which prize-draw leaves to SCA (its entries are exported).',
  );

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

/** The latest records of one dead-letter topic. */
export const deadLetterRecordsSchema = z
  .object({
    topic: z.string(),
    records: z.array(
      z.object({
        partition: z.int().nonnegative(),
        offset: z.string(),
        key: z.string().nullable().describe('The key as UTF-8 text.'),
        value: z.string().nullable().describe('The value as UTF-8 text, cut at 4,096 characters.'),
        headers: z.record(z.string(), z.string()),
        reason: z.string(),
        originTopic: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'ConsoleDeadLetterRecords' });

export const deadLetterParamsSchema = z.object({
  topic: z.string().min(1).max(249).describe('The dead-letter topic (Kafka caps names at 249).'),
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
  })
  .meta({ id: 'ConsoleHealth' });
