import { type DrawDefined, decodeAndValidate, EVENT_TYPES } from '@prizedraw/events';
import { GlobalTable } from '@prizedraw/stream';
import type { Logger } from 'pino';
import { InMemoryDrawDefinitions } from './draw-definitions';

/**
 * Starts the table of draw definitions from the compacted definitions topic; resolves once it has caught up
 * with the topic, then stays current. Returns the definitions and a function that stops following the topic.
 */
export async function startDefinitionsTable(options: { topic: string; brokers: string[]; logger: Logger }) {
  const definitions = new InMemoryDrawDefinitions();
  const table = new GlobalTable<DrawDefined>({
    topic: options.topic,
    brokers: options.brokers,
    logger: options.logger,
    deserialize: (message) => {
      const event = decodeAndValidate(message);
      if (event.type !== EVENT_TYPES.drawDefined)
        throw new Error(`expected ${EVENT_TYPES.drawDefined}, got ${event.type}`);
      return event.data;
    },
    onUpdate: (drawId, draw) => (draw ? definitions.put(draw) : definitions.remove(drawId)),
  });
  await table.start();
  return { definitions, close: () => table.close() };
}
