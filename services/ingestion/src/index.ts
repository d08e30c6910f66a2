/**
 * @prizedraw/ingestion — validates and normalizes activity (stakes, ticket awards, contest entries), keys
 * it by customer, and fans draw triggers out into every activity partition. Activity that comes before its
 * draw's definition is parked until the definition arrives (or its retention passes). Contest entries also arrive by
 * `POST /v1/entries` and from an incremental reader of `aramis.user_details`.
 *
 * ```ts
 * const config = parseConfig(ingestionConfigSchema);
 * await runServices([ingestionService(config)], config);
 * ```
 */
import { createPool, migrate } from '@prizedraw/compliance-db';
import { createEventProducer, parkingSettings, type Service } from '@prizedraw/service';
import { registerEntriesRoute } from './adapters/entries-route';
import { startUserDetailsReader } from './adapters/user-details-reader';
import type { IngestionConfig } from './config';
import { createIngestionTopology, createTriggerTopology } from './topology';

export { registerEntriesRoute } from './adapters/entries-route';
export { startUserDetailsReader, type UserDetailsReaderOptions } from './adapters/user-details-reader';
export { type IngestionConfig, ingestionConfigSchema } from './config';
export { createIngestionTopology, createTriggerTopology, type IngestionTopologyOptions } from './topology';

/**
 * The ingestion service: the activity topology, the trigger fan-out, `POST /v1/entries`, and, when the
 * configuration names the compliance database, the `user_details` reader.
 */
export function ingestionService(config?: IngestionConfig): Service {
  return {
    name: 'ingestion',
    async start(context) {
      const { topics, registry, logger, dataCodec } = context;
      const definitions = await context.definitions();
      const parking = parkingSettings(config);
      await context.startStreams(
        'ingestion',
        createIngestionTopology({ topics, definitions, parking, registry, logger, dataCodec }),
      );
      await context.startStreams(
        'triggers',
        createTriggerTopology(topics, definitions, parking.definitionWaitMs, dataCodec),
      );
      const producer = await createEventProducer({
        brokers: context.config.KAFKA_BROKERS,
        clientId: 'prizedraw-ingestion',
        source: '/prizedraw/ingestion',
        logger: context.logger,
        dataCodec,
      });
      context.onClose(() => producer.close());
      registerEntriesRoute(context.http, producer, context.topics.activity);
      if (config?.MYSQL_URL === undefined) return;
      const pool = createPool(config.MYSQL_URL);
      context.onClose(() => pool.end());
      await migrate(pool);
      const reader = startUserDetailsReader({
        pool,
        producer,
        topic: context.topics.activity,
        reader: `user_details:${config.BRAND}`,
        intervalMs: config.USER_DETAILS_POLL_MS,
        batchSize: config.USER_DETAILS_BATCH,
        logger: context.logger.child({ service: 'ingestion', reader: 'user_details' }),
      });
      context.onClose(() => reader.stop());
    },
  };
}
