import { registeredCounter } from '@prizedraw/service';
import type { Counter, Registry } from 'prom-client';

/** The counters of the message queue. */
export interface MessageQueueMetrics {
  /** `prizedraw_message_queue_inbound_total{outcome}`: queued, repeat (already queued), deleted (an instruction came first), expired (on arrival). */
  readonly inbound: Counter<'outcome'>;
  /** `prizedraw_message_queue_deliveries_total{outcome}`: redeliveries by the gateway's answer. */
  readonly deliveries: Counter<'outcome'>;
  /** `prizedraw_message_queue_deleted_total`: queued messages removed by delete instructions. */
  readonly deleted: Counter;
  /** `prizedraw_message_queue_purged_total`: expired messages purged. */
  readonly purged: Counter;
  /** `prizedraw_message_queue_delivered_relayed_total`: delivered events published to Kafka from msq_outbox. */
  readonly relayed: Counter;
  /** `prizedraw_message_queue_failures_total{task}`: failed database passes and relay attempts (retried). */
  readonly failures: Counter<'task'>;
  /** `prizedraw_message_queue_redemptions_total{outcome}`: coupon redemptions, by the instruction they made. */
  readonly redemptions: Counter<'outcome'>;
}

/** Registers (once per registry) the message queue's counters. */
export function messageQueueMetrics(registry: Registry): MessageQueueMetrics {
  const labelled = <L extends string>(name: string, help: string, label: L, values: string[]) => {
    const counter = registeredCounter(registry, { name, help, labelNames: [label] });
    for (const value of values) counter.inc({ [label]: value } as Record<L, string>, 0);
    return counter;
  };
  return {
    inbound: labelled(
      'prizedraw_message_queue_inbound_total',
      'Messages consumed from {brand}.message-queue.inbound, by outcome (queued, repeat, deleted, expired)',
      'outcome',
      ['queued', 'repeat', 'deleted', 'expired'],
    ),
    deliveries: labelled(
      'prizedraw_message_queue_deliveries_total',
      'Redeliveries through the onsite gateway, by outcome (delivered, offline, rejected, unavailable)',
      'outcome',
      ['delivered', 'offline', 'rejected', 'unavailable'],
    ),
    deleted: registeredCounter(registry, {
      name: 'prizedraw_message_queue_deleted_total',
      help: 'Queued messages removed by delete instructions',
    }),
    purged: registeredCounter(registry, {
      name: 'prizedraw_message_queue_purged_total',
      help: 'Expired messages purged from the queue',
    }),
    relayed: registeredCounter(registry, {
      name: 'prizedraw_message_queue_delivered_relayed_total',
      help: 'Delivered events published from msq_outbox to {brand}.customer-messages.delivered',
    }),
    failures: labelled(
      'prizedraw_message_queue_failures_total',
      'Failed attempts of the message queue, by task (store, redeliver, purge: MariaDB; relay: MariaDB or Kafka); retried',
      'task',
      ['store', 'redeliver', 'purge', 'relay'],
    ),
    redemptions: labelled(
      'prizedraw_message_queue_redemptions_total',
      'Coupon redemptions read, by outcome (deleted: a delete instruction sent; unknown-draw: the win was never read here)',
      'outcome',
      ['deleted', 'unknown-draw'],
    ),
  };
}
