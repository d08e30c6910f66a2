import { join } from 'node:path';
import { isEventType } from '@prizedraw/events';
import { baseConfigSchema } from '@prizedraw/service';
import { z } from 'zod';
import { DEFAULT_EVENT_TYPES } from './processors/notifications-processor';

/** The templates shipped with the service (brand `default`, locale en-GB). */
export const DEFAULT_TEMPLATES_DIR = join(__dirname, '..', 'templates');

const milliseconds = (min: number, fallback: number) =>
  z.coerce.number().int().min(min).max(3_600_000).default(fallback);
const url = z.string().regex(/^https?:\/\/\S+$/, 'Expected an http(s):// URL');

/** The notifications service's environment. */
export const notificationsConfigSchema = baseConfigSchema.extend({
  /** The decisions service (DES), e.g. http://127.0.0.1:8091. */
  DECISIONS_URL: url,
  /** The onsite gateway (OSG); unset or empty: no onsite delivery, every message goes to the message queue. */
  ONSITE_GATEWAY_URL: z
    .string()
    .optional()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(url.optional()),
  /** Timeout of one HTTP attempt to decisions or the gateway. */
  NOTIFICATIONS_HTTP_TIMEOUT_MS: milliseconds(50, 2_000),
  /**
   * How long a record waits for decisions or the gateway (retrying with back-off) before its batch is handed
   * back to the runtime and fetched again: kept under the consumer session timeout (30 s).
   */
  NOTIFICATIONS_MAX_WAIT_MS: milliseconds(100, 20_000),
  /** Comma-separated CloudEvent types worth a decision (FRED's filter). */
  NOTIFICATIONS_EVENT_TYPES: z
    .string()
    .default(DEFAULT_EVENT_TYPES.join(','))
    .transform((text) =>
      text
        .split(',')
        .map((type) => type.trim())
        .filter((type) => type !== ''),
    )
    .refine(
      (types) => types.every(isEventType),
      'Expected prizedraw event types, e.g. prizedraw.draw-result.v1',
    ),
  /** Versioned templates: <dir>/<brand or default>/<locale>/<template>.v<n>.yaml. */
  NOTIFICATIONS_TEMPLATES_DIR: z.string().min(1).default(DEFAULT_TEMPLATES_DIR),
  /** The locale messages are rendered in (BCP 47). */
  NOTIFICATIONS_LOCALE: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Expected a BCP 47 tag, e.g. en-GB')
    .default('en-GB'),
  /** The brand's time zone: REWARD_AWARDED on its Mondays is queued, not shown at once. */
  BRAND_TIME_ZONE: z
    .string()
    .default('Europe/London')
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return /^[A-Za-z]/.test(zone);
      } catch {
        return false;
      }
    }, 'Expected an IANA time zone, e.g. Europe/London'),
  // The secret bearer tokens are signed with: notifications signs its own operator token for decisions and
  // the gateway. Checked by @prizedraw/http-api's apiTokenConfigSchema; never defaulted, never logged.
  API_TOKEN_SECRET: z.string().optional(),
  API_TOKEN_SECRET_FILE: z.string().optional(),
});

export type NotificationsConfig = z.output<typeof notificationsConfigSchema>;
