import { baseConfigSchema } from '@prizedraw/service';
import { z } from 'zod';

/** Comma-separated http(s) base URLs, without trailing slashes; unset or empty is none. */
const baseUrls = () =>
  z
    .string()
    .optional()
    .transform((urls) =>
      (urls ?? '')
        .split(',')
        .map((url) => url.trim().replace(/\/+$/, ''))
        .filter(Boolean),
    )
    .refine(
      (urls) => urls.every((url) => /^https?:\/\/\S+$/.test(url)),
      'Expected http(s):// URLs, comma-separated',
    );

/** The console's environment: the shared settings plus its own. */
export const consoleConfigSchema = baseConfigSchema.extend({
  /**
   * Results kept per draw for paging and search by account. Beyond it a draw's results are counted (winners
   * by prize included) but not kept, so a 1,000,000-entrant draw cannot fill the process. Default 200,000.
   */
  CONSOLE_RESULTS_KEPT: z.coerce.number().int().min(0).max(5_000_000).default(200_000),
  /**
   * Customers whose latest queued messages (from `{brand}.message-queue.inbound`, 20 each) are kept for the
   * customer page; past it those least recently queued to are forgotten (their rows still waiting in
   * msq_messages are shown all the same). Default 200,000.
   */
  CONSOLE_MESSAGE_CUSTOMERS_KEPT: z.coerce.number().int().min(1).max(5_000_000).default(200_000),
  /** Dead-lettered records kept per dead-letter topic for showing and re-driving (all are counted). */
  CONSOLE_DEAD_LETTERS_KEPT: z.coerce.number().int().min(1).max(10_000).default(200),
  /**
   * The compliance database (`mysql://user:password@host:port/aramis`) the SCA exports page reads (contests and
   * the submission log) and the customer page (the message queue's msq_ tables, read only). Unset: the SCA
   * page says it is not configured and messages show without their status. Never logged.
   */
  MYSQL_URL: z
    .string()
    .regex(/^mysql:\/\//, 'Expected mysql://user:password@host:port/database')
    .optional(),
  /**
   * The directory of draw seeds, shared with the wallet and prize-draw (docs/verifiable-draws.md): an in-house
   * draw defined in the console then gets a seed there and its commitment in the definition, as with
   * `prizedraw draws define`. Unset: definitions carry no commitment.
   */
  SEED_DIR: z.string().min(1, 'Expected a directory path').optional(),
  /**
   * Base URLs of the ticket wallet's instances (comma-separated), asked for a customer's best ticket in open
   * draws: the instance owning the customer's partition answers, the others say 421. Unset: not shown.
   */
  CONSOLE_WALLET_URLS: baseUrls(),
  /**
   * Base URLs of the prizedraw processes whose readiness (`/health/ready`) the Health page shows
   * (comma-separated). Unset: the console's own process only.
   */
  CONSOLE_SERVICE_URLS: baseUrls(),
  /**
   * The retention bucket and key prefix the SCA export worker archives under (the same variables as
   * sca-export's): the SCA exports page shows each delivered pair's S3 keys, `s3://<bucket>/<prefix><utm>/<file>`.
   */
  S3_BUCKET: z.string().min(1).default('sca-submissions'),
  S3_KEY_PREFIX: z.string().default(''),
  /** Milliseconds between samples of the stream applications' consumer lag (the Health page). */
  CONSOLE_LAG_SAMPLE_MS: z.coerce.number().int().min(500).max(600_000).default(5_000),
  /** Milliseconds between live snapshots pushed to an open draw page (only when something changed). */
  CONSOLE_LIVE_INTERVAL_MS: z.coerce.number().int().min(50).max(10_000).default(500),
  // The secret bearer tokens are signed with (one of the two; checked by @prizedraw/http-api's
  // apiTokenConfigSchema when the service is made). Never defaulted, never logged.
  API_TOKEN_SECRET: z.string().optional(),
  API_TOKEN_SECRET_FILE: z.string().optional(),
});

export type ConsoleConfig = z.output<typeof consoleConfigSchema>;
