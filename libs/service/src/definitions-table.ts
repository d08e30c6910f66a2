import { type DrawDefined, decodeAndValidate, EVENT_TYPES } from '@prizedraw/events';
import { GlobalTable, type RawMessage } from '@prizedraw/stream';
import type { Logger } from 'pino';
import { InMemoryDrawDefinitions } from './draw-definitions';

/** Where a table of the definitions topic reads from. */
export interface DefinitionsTopic {
  topic: string;
  brokers: string[];
  logger: Logger;
}

/** The draw a record of the definitions topic defines, validated; throws on any other record. */
function definedDrawOf(message: RawMessage): DrawDefined {
  const event = decodeAndValidate(message);
  if (event.type !== EVENT_TYPES.drawDefined)
    throw new Error(`expected ${EVENT_TYPES.drawDefined}, got ${event.type}`);
  return event.data;
}

/**
 * Starts the table of draw definitions from the compacted definitions topic; resolves once it has caught up
 * with the topic, then stays current. Returns the definitions and a function that stops following the topic.
 */
export async function startDefinitionsTable(options: DefinitionsTopic) {
  const definitions = new InMemoryDrawDefinitions();
  const table = new GlobalTable<DrawDefined>({
    ...options,
    deserialize: definedDrawOf,
    // The definitions are the table's values: kept once, with their indexes.
    values: {
      get: (drawId) => definitions.get(drawId),
      set: (_drawId, draw) => definitions.put(draw),
      delete: (drawId) => definitions.remove(drawId),
    },
  });
  await table.start();
  return { definitions, close: () => table.close() };
}

/** What a service keeps of each draw of the definitions topic, by draw id. */
export interface DefinitionsIndex<V> {
  get(drawId: string): V | undefined;
  /** A number that grows with every change, to tell cheaply whether anything changed. */
  version(): number;
}

/**
 * Follows the definitions topic keeping only `keep(draw)` per draw id, for a service that needs less
 * than the whole definition (a definition in the table takes some hundreds of bytes). Resolves once
 * it has caught up with the topic, then stays current.
 */
export async function startDefinitionsIndex<V>(options: DefinitionsTopic, keep: (draw: DrawDefined) => V) {
  const kept = new Map<string, V>();
  const get = (drawId: string) => kept.get(drawId);
  let version = 0;
  const table = new GlobalTable<V>({
    ...options,
    deserialize: (message) => keep(definedDrawOf(message)),
    values: {
      get,
      set: (drawId, value) => {
        kept.set(drawId, value);
        version++;
      },
      delete: (drawId) => {
        if (kept.delete(drawId)) version++;
      },
    },
  });
  await table.start();
  const index: DefinitionsIndex<V> = { get, version: () => version };
  return { index, close: () => table.close() };
}
