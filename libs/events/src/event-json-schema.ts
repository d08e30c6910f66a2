import { z } from 'zod';
import { type EventType, eventSchemas } from './event-schemas';

/** A JSON Schema document as plain JSON. */
export type JsonSchema = Record<string, unknown>;

/**
 * JSON Schema (draft-07, the dialect AsyncAPI and Confluent-compatible registries read) of event `type`'s
 * data, derived from its zod schema. It describes what a producer may send: fields with a default are
 * optional. Checks zod runs in code (closesAt after opensAt, valid time zone, unique prizeIds) are not in it.
 */
export function eventJsonSchema(type: EventType): JsonSchema {
  const { $schema, ...schema } = z.toJSONSchema(eventSchemas[type], { target: 'draft-7', io: 'input' });
  return { $schema, title: type, ...schema };
}
