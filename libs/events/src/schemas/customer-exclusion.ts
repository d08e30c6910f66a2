import { z } from 'zod';
import { id } from './common';

/**
 * `prizedraw.customer-exclusion.v1` on `{brand}.customer.exclusions` (compacted, key = customerId): whether a
 * customer may be paid a prize. A draw skips the tickets of a customer excluded when its run is sent (the next
 * ticket takes the prize); `excluded: false` or a tombstone (null value) lifts the exclusion.
 */
export const customerExclusionSchema = z
  .object({
    customerId: id().describe('The customer (account id, or normalized email for contests); the record key.'),
    excluded: z
      .boolean()
      .describe('True: the customer wins no prize in draws sent from now; false lifts it.'),
    reason: z
      .string()
      .max(200)
      .optional()
      .describe(
        'Why, for operators (e.g. self-exclusion, account closed); never published in a draw record.',
      ),
  })
  .describe('Excludes a customer from prizes at draw time (self-exclusion, closed account), or lifts it.');

/** Data of `prizedraw.customer-exclusion.v1`. */
export type CustomerExclusion = z.output<typeof customerExclusionSchema>;
