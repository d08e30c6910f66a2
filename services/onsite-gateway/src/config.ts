import { baseConfigSchema } from '@prizedraw/service';
import { z } from 'zod';

/** The onsite gateway's environment: the shared settings plus its own. */
export const onsiteGatewayConfigSchema = baseConfigSchema.extend({
  /** Seconds between the comment lines that keep idle streams open through proxies (which close idle ones). */
  ONSITE_HEARTBEAT_S: z.coerce.number().int().min(1).max(300).default(25),
  /**
   * `true` serves `GET /demo/token?customer=…`, which hands anyone a customer token: for the demo page on a
   * developer's machine only, never in production. Default false.
   */
  ONSITE_DEMO_TOKENS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  // The secret bearer tokens are signed with (one of the two; checked by @prizedraw/http-api's
  // apiTokenConfigSchema when the service is made). Never defaulted, never logged.
  API_TOKEN_SECRET: z.string().optional(),
  API_TOKEN_SECRET_FILE: z.string().optional(),
});

export type OnsiteGatewayConfig = z.output<typeof onsiteGatewayConfigSchema>;
