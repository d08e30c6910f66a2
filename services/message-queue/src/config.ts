import { baseConfigSchema } from '@prizedraw/service';
import { z } from 'zod';

/**
 * The message queue's environment: the shared settings plus its MariaDB (tables prefixed `msq_`, so the
 * local stack's `aramis` database serves; production gives the service a database of its own), the onsite
 * gateway it redelivers through, and its timings.
 */
export const messageQueueConfigSchema = baseConfigSchema.extend({
  MYSQL_URL: z.string().regex(/^mysql:\/\//, 'Expected mysql://user:password@host:port/database'),
  /** The environment of the delete instructions' topic, `msq.inbound.delete.{env}`. */
  ENV: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'Expected lowercase letters, digits and dashes')
    .default('local'),
  /** Base URL of the onsite gateway, e.g. http://onsite-gateway:8080. */
  MSQ_GATEWAY_URL: z
    .string()
    .regex(/^https?:\/\/\S+$/, 'Expected the http(s):// base URL of the onsite gateway')
    .transform((url) => url.replace(/\/+$/, '')),
  /** How often due redeliveries are looked for, in milliseconds. */
  MSQ_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(250),
  /**
   * How long one instance holds a customer's redelivery, in seconds: after a crash mid-redelivery the
   * customer is taken up again when it ends.
   */
  MSQ_REDELIVERY_LEASE_S: z.coerce.number().int().min(1).max(3_600).default(30),
  /** How often expired messages are purged, in seconds. */
  MSQ_PURGE_INTERVAL_S: z.coerce.number().int().min(1).max(86_400).default(60),
  /** How long a delete instruction is remembered for a message that has not arrived yet, in hours. */
  MSQ_DELETE_MEMORY_H: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .default(24 * 30),
  /** Timeout of one delivery request to the gateway, in milliseconds. */
  MSQ_GATEWAY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  // The secret the gateway's tokens are signed with: the queue signs its own operator token with it.
  API_TOKEN_SECRET: z.string().optional(),
  API_TOKEN_SECRET_FILE: z.string().optional(),
});

export type MessageQueueConfig = z.output<typeof messageQueueConfigSchema>;
