import { z } from 'zod';
import { dateTime, id } from './common';

/**
 * `prizedraw.customer-online.v1` on `{brand}.customers.online` (key = customerId): the onsite gateway opened
 * a live session for the customer. The message queue redelivers the customer's queued messages on it.
 */
export const customerOnlineSchema = z
  .object({
    customerId: id().describe('The customer (account id); the record key.'),
    brand: id().describe('The brand whose site the customer opened.'),
    at: dateTime().describe('When the session opened.'),
  })
  .describe('A customer opened a live session on site.');

/** Data of `prizedraw.customer-online.v1`. */
export type CustomerOnline = z.output<typeof customerOnlineSchema>;
