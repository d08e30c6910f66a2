import { baseConfigSchema } from '@prizedraw/service';
import { z } from 'zod';

/**
 * instant-win's environment: the shared settings plus its MariaDB (the tables are prefixed `iw_`, so the
 * local stack's `aramis` database serves; production gives the service a database of its own).
 */
export const instantWinConfigSchema = baseConfigSchema.extend({
  MYSQL_URL: z.string().regex(/^mysql:\/\//, 'Expected mysql://user:password@host:port/database'),
  /** Connections of the service's pool: how many draws can be in their transaction at once. */
  INSTANT_WIN_DB_CONNECTIONS: z.coerce.number().int().min(1).max(1000).default(20),
  /** Retry-After of a 503 while MariaDB cannot be reached, in seconds. */
  INSTANT_WIN_RETRY_AFTER_S: z.coerce.number().int().min(1).max(3600).default(2),
  /** Outbox rows per Kafka transaction of the relay. */
  INSTANT_WIN_RELAY_BATCH: z.coerce.number().int().min(1).max(10_000).default(500),
  // The secret bearer tokens are signed with (one of the two; checked by @prizedraw/http-api's
  // apiTokenConfigSchema when the service is made). Never defaulted, never logged.
  API_TOKEN_SECRET: z.string().optional(),
  API_TOKEN_SECRET_FILE: z.string().optional(),
});

export type InstantWinConfig = z.output<typeof instantWinConfigSchema>;
