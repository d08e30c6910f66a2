import { z } from 'zod';

/** Settings every service shares; each service extends this schema with its own. */
export const baseConfigSchema = z.object({
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((value) => value.split(',').map((broker) => broker.trim()))
    .refine((brokers) => brokers.every((b) => /^[^:\s]+:\d+$/.test(b)), 'Expected host:port[,host:port…]'),
  DC: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'Expected lowercase letters, digits and dashes')
    .default('local'),
  BRAND: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'Expected lowercase letters, digits and dashes')
    .default('demo'),
  STATE_DIR: z.string().min(1).default('.state'),
  // How long a consumer group waits for a silent instance before moving its partitions (broker bounds: 6–1800 s).
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6000).max(1_800_000).default(30_000),
  PARTITIONS: z.coerce.number().int().positive().default(8),
  REPLICATION_FACTOR: z.coerce.number().int().positive().default(1),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HTTP_HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // A Confluent-compatible registry (Apicurio: …/apis/ccompat/v7): event data is then written in its wire
  // format. Unset or empty: plain JSON.
  SCHEMA_REGISTRY_URL: z
    .string()
    .regex(/^(https?:\/\/\S+)?$/, 'Expected an http(s):// URL of the registry')
    .optional()
    .transform((url) => (url === '' || url === undefined ? undefined : url.replace(/\/+$/, ''))),
});

export type BaseConfig = z.output<typeof baseConfigSchema>;

/** The configuration could not be used; the message names every variable at fault and why. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Parses the environment once, at start-up. Unknown variables are ignored; an invalid one stops the
 * service with a message such as `PARTITIONS: Expected number, received nan (got "eight")`. Values of
 * variables whose name says they are secret, and of URLs (`mysql://user:password@…`), are never echoed.
 */
export function parseConfig<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.');
    const value = env[name];
    const shown =
      value === undefined
        ? 'not set'
        : /SECRET|PASSWORD|TOKEN|KEY|_URL$/i.test(name)
          ? 'set'
          : `got ${JSON.stringify(value)}`;
    return `${name}: ${issue.message} (${shown})`;
  });
  throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
}
