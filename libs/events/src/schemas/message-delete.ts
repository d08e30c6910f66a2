import { z } from 'zod';
import { id } from './common';

/**
 * `prizedraw.message-delete.v1` on `msq.inbound.delete.{env}` (key = customerId): remove a queued message the
 * customer no longer needs to see (they spent the reward, redeemed the coupon or claimed the prize first).
 * Names the message by `messageId`, or every message made from one source event by `sourceId`.
 */
export const messageDeleteSchema = z
  .object({
    customerId: id().describe('The customer whose queue holds the message; the record key.'),
    messageId: id().optional().describe('The message to remove (customer-message.v1 messageId).'),
    sourceId: id()
      .optional()
      .describe('Remove every queued message made from this source event (customer-message.v1 source.id).'),
  })
  .refine((data) => data.messageId !== undefined || data.sourceId !== undefined, {
    message: 'Expected messageId or sourceId',
    path: ['messageId'],
  })
  .describe('Remove queued messages of a customer, by message id or by source event id.');

/** Data of `prizedraw.message-delete.v1`. */
export type MessageDelete = z.output<typeof messageDeleteSchema>;
