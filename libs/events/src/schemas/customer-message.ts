import { z } from 'zod';
import { dateTime, id } from './common';

/** The kinds of message a customer is told, each with its own templates and routing rules. */
export const MESSAGE_TYPES = ['REWARD_AWARDED', 'DRAW_RESULT', 'MILESTONE', 'UNQUALIFICATION'] as const;

/** How the browser shows a message: a small toast, or an overlay over the whole page. */
export const DELIVERY_PREFERENCES = ['toast', 'full-screen'] as const;

/** A BCP 47 language tag, e.g. `en-GB`; only the shape is checked. */
const locale = () =>
  z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Expected a BCP 47 language tag, e.g. en-GB');

/**
 * `prizedraw.customer-message.v1`: a message to show one customer on site, made by notifications from a
 * source event (a draw result, a milestone, an unqualification). The body of the onsite gateway's
 * `POST /v1/customers/{customerId}/messages` and the data of the CloudEvents on `{brand}.message-queue.inbound`
 * (key = customerId).
 */
export const customerMessageSchema = z
  .object({
    messageId: id().describe(
      'Stable id derived from the source event and message type (a UUID v5 of source.id and messageType): ' +
        'the same source event always yields the same id, so a redelivered message is recognised and shown once.',
    ),
    customerId: id().describe('The customer (account id); the record key.'),
    brand: id().describe('The brand whose site shows the message.'),
    messageType: z.enum(MESSAGE_TYPES).describe('What the message tells the customer.'),
    deliveryPreference: z
      .enum(DELIVERY_PREFERENCES)
      .describe('toast: a small notice; full-screen: an overlay the customer dismisses.'),
    locale: locale().describe('The language of title and body, a BCP 47 tag.'),
    title: z.string().min(1, 'Expected a non-empty title').describe('The rendered title.'),
    body: z.string().min(1, 'Expected a non-empty body').describe('The rendered body text.'),
    expiresAt: dateTime().describe(
      'The message is not shown, and is purged from the queue, after this instant.',
    ),
    createdAt: dateTime().describe('When notifications made the message.'),
    source: z
      .object({
        type: id().describe('The CloudEvent type of the source event, e.g. prizedraw.draw-result.v1.'),
        id: id().describe(
          'The CloudEvent id of the source event: delete instructions may name it instead of the message id.',
        ),
      })
      .describe('The event the message was made from.'),
  })
  .describe('A rendered message for one customer, shown on site or queued until they come back.');

/**
 * `prizedraw.customer-message-delivered.v1` on `{brand}.customer-messages.delivered` (key = customerId): a
 * message notifications handed to the onsite gateway, which delivered it at once to the customer's open page
 * (messages queued instead are on `{brand}.message-queue.inbound`). Written in the transaction of the event
 * it was made from, so once per source event; what the operations console shows of messages delivered on site.
 */
export const customerMessageDeliveredSchema = customerMessageSchema
  .extend({
    deliveredAt: dateTime().describe(
      "When the writer had the onsite gateway's answer that it delivered the message: notifications, for one " +
        "delivered at once (its batch's answer); the message queue, for one it queued and redelivered later.",
    ),
  })
  .describe('A customer message as it was delivered on site (at once, or later from the queue), and when.');

/** Data of `prizedraw.customer-message.v1`. */
export type CustomerMessage = z.output<typeof customerMessageSchema>;
/** One of {@link MESSAGE_TYPES}. */
export type MessageType = (typeof MESSAGE_TYPES)[number];
/** One of {@link DELIVERY_PREFERENCES}. */
export type DeliveryPreference = (typeof DELIVERY_PREFERENCES)[number];
