/**
 * @prizedraw/message-queue — the durable queue of customer messages ([MSQ] of seed 001). Messages for
 * customers who were not on site arrive on `{brand}.message-queue.inbound` and are kept in MariaDB, once per
 * messageId; when the customer opens a session (`{brand}.customers.online`) they are redelivered in order
 * through the onsite gateway and removed on its 200, each then recorded on `{brand}.customer-messages.delivered`
 * with its delivery time (through the msq_outbox table, exactly once). Delete instructions on `msq.inbound.delete.{env}`
 * remove messages unseen; expired messages are purged. Coupon redemptions on `{brand}.instant-win.events`
 * become such delete instructions for the win message of their draw.
 *
 * @example
 * const running = await runServices([messageQueueService(config)], config); // MSQ_GATEWAY_URL, MYSQL_URL, …
 */

import { migrateOnce } from '@prizedraw/compliance-db';
import { topicNames } from '@prizedraw/events';
import { apiTokensOf, type Service, startOutboxRelay } from '@prizedraw/service';
import { ensureTopics, kafkaLogCreator } from '@prizedraw/stream';
import { Kafka, logLevel } from 'kafkajs';
import { GatewayClient } from './adapters/gateway-client';
import { createMessageQueuePool, MESSAGE_QUEUE_MIGRATIONS_DIR } from './adapters/message-queue-pool';
import { MessageQueueRepository } from './adapters/message-queue-repository';
import { startPurger } from './adapters/purger';
import { startRedeliverer } from './adapters/redeliverer';
import type { MessageQueueConfig } from './config';
import { messageQueueMetrics } from './message-queue-metrics';
import { messageQueueProcessors } from './processors/message-queue-processors';
import { createMessageQueueTopology, createRedemptionDeletesTopology } from './topology';

export { type DeliveryOutcome, GatewayClient, type GatewayClientOptions } from './adapters/gateway-client';
export {
  createMessageQueuePool,
  MESSAGE_QUEUE_MIGRATIONS_DIR,
  migrateMessageQueue,
} from './adapters/message-queue-pool';
export { MessageQueueRepository, type QueuedMessage, type Wakeup } from './adapters/message-queue-repository';
export { type PurgerOptions, startPurger } from './adapters/purger';
export { type Redeliverer, type RedelivererOptions, startRedeliverer } from './adapters/redeliverer';
export { type MessageQueueConfig, messageQueueConfigSchema } from './config';
export { type MessageQueueMetrics, messageQueueMetrics } from './message-queue-metrics';
export {
  type MessageQueueProcessorsOptions,
  messageQueueProcessors,
} from './processors/message-queue-processors';
export {
  type RedemptionDeletesOptions,
  RedemptionDeletesProcessor,
  type RedemptionOutcome,
} from './processors/redemption-deletes-processor';
export {
  createMessageQueueTopology,
  createRedemptionDeletesTopology,
  type MessageQueueTopics,
  type RedemptionDeletesTopologyOptions,
  WON_STORE,
} from './topology';

/** The CloudEvent source of the delivered events the queue writes. */
export const MESSAGE_QUEUE_SOURCE = '/prizedraw/message-queue';

/**
 * The message queue: a stream application over its three topics (`prizedraw-<brand>-message-queue`), one
 * turning redemptions into delete instructions (`prizedraw-<brand>-message-queue-redemptions`), the
 * redeliverer, the relay of its delivered events and the purger, on its MariaDB tables (migrated on first use, so it starts with MariaDB down).
 * The token secret is checked when the service is made, naming the variable.
 */
export function messageQueueService(config: MessageQueueConfig): Service {
  const tokens = apiTokensOf(config);
  return {
    name: 'message-queue',
    async start(context) {
      const logger = context.logger.child({ service: 'message-queue' });
      const metrics = messageQueueMetrics(context.registry);
      const pool = createMessageQueuePool(config.MYSQL_URL);
      const ready = migrateOnce(pool, { directory: MESSAGE_QUEUE_MIGRATIONS_DIR });
      const repository = new MessageQueueRepository(pool);
      const topics = {
        inbound: context.topics.messageQueueInbound,
        online: context.topics.customersOnline,
        deletes: topicNames({ dc: config.DC, brand: config.BRAND, env: config.ENV }).messageDeletes,
      };
      const kafka = new Kafka({
        clientId: 'prizedraw-message-queue',
        brokers: config.KAFKA_BROKERS,
        logLevel: logLevel.ERROR,
        logCreator: kafkaLogCreator(logger),
      });
      // The deletes topic of another ENV than the pipeline's default is not made by runServices.
      const admin = kafka.admin();
      await admin.connect();
      await ensureTopics(admin, [{ topic: topics.deletes }], {
        partitions: config.PARTITIONS,
        replicationFactor: config.REPLICATION_FACTOR,
      }).finally(() => admin.disconnect());
      const processors = messageQueueProcessors({ repository, metrics, logger, ready });
      await context.startStreams(
        'message-queue',
        createMessageQueueTopology(topics, processors, context.dataCodec),
      );
      const redemptionDeletes = createRedemptionDeletesTopology({
        instantWinEvents: context.topics.instantWinEvents,
        deletes: topics.deletes,
        onRedemption: (outcome) => metrics.redemptions.inc({ outcome }),
        dataCodec: context.dataCodec,
      });
      await context.startStreams('message-queue-redemptions', redemptionDeletes);
      const redeliverer = startRedeliverer({
        repository,
        gateway: new GatewayClient({
          url: config.MSQ_GATEWAY_URL,
          tokens: tokens,
          timeoutMs: config.MSQ_GATEWAY_TIMEOUT_MS,
        }),
        logger,
        pollMs: config.MSQ_POLL_MS,
        leaseMs: config.MSQ_REDELIVERY_LEASE_S * 1000,
        ready,
        onDelivery: (outcome) => metrics.deliveries.inc({ outcome }),
        onFailure: () => metrics.failures.inc({ task: 'redeliver' }),
      });
      const purger = startPurger({
        repository,
        logger,
        intervalMs: config.MSQ_PURGE_INTERVAL_S * 1000,
        deleteMemoryMs: config.MSQ_DELETE_MEMORY_H * 3_600_000,
        ready,
        onPurged: (count) => metrics.purged.inc(count),
        onFailure: () => metrics.failures.inc({ task: 'purge' }),
      });
      // Each delivery's event, written to msq_outbox in the transaction that removed the message.
      const relay = startOutboxRelay({
        pool,
        table: 'msq_outbox',
        ready,
        kafka,
        topic: context.topics.messagesDelivered,
        source: MESSAGE_QUEUE_SOURCE,
        transactionalId: `prizedraw-${config.BRAND}-message-queue-outbox`,
        logger,
        dataCodec: context.dataCodec,
        relayed: metrics.relayed,
        failures: metrics.failures.labels({ task: 'relay' }),
      });
      context.onClose(async () => {
        await redeliverer.stop();
        await relay.stop();
        await purger.stop();
        await pool.end();
      });
    },
  };
}
