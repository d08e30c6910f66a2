/**
 * @prizedraw/ingestion — validates and normalizes activity (stakes, ticket awards, contest entries), keys
 * it by customer, and fans draw triggers out into every activity partition.
 *
 * ```ts
 * await runServices([ingestionService()], parseConfig(ingestionConfigSchema));
 * ```
 */
import type { Service } from '@prizedraw/service';
import { createIngestionTopology, createTriggerTopology } from './topology';

export { type IngestionConfig, ingestionConfigSchema } from './config';
export { createIngestionTopology, createTriggerTopology } from './topology';

/** The ingestion service: the activity topology and the trigger fan-out. */
export function ingestionService(): Service {
  return {
    name: 'ingestion',
    async start(context) {
      await context.startStreams('ingestion', createIngestionTopology(context.topics));
      await context.startStreams(
        'triggers',
        createTriggerTopology(context.topics, await context.definitions()),
      );
    },
  };
}
