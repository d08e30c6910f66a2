import { baseConfigSchema } from '@prizedraw/service';
import { z } from 'zod';

const optional = () =>
  z
    .string()
    .optional()
    .transform((value) => (value === '' ? undefined : value));

/**
 * sca-export's environment: the shared settings plus the compliance database, the FTP(S) server of SCA (its
 * credentials from AWS Secrets Manager, a file, or FTP_USER/FTP_PASSWORD: never defaulted, never logged) and
 * the S3 retention bucket.
 */
export const scaExportConfigSchema = baseConfigSchema.extend({
  MYSQL_URL: z.string().regex(/^mysql:\/\//, 'Expected mysql://user:password@host:port/database'),
  FTP_HOST: z.string().min(1),
  FTP_PORT: z.coerce.number().int().min(1).max(65535).default(21),
  FTP_SECURE: z.enum(['none', 'explicit', 'implicit']).default('explicit'),
  FTP_TLS_CA_FILE: optional(),
  FTP_REMOTE_DIR: optional(),
  FTP_SECRET_ID: optional(),
  FTP_CREDENTIALS_FILE: optional(),
  FTP_USER: optional(),
  FTP_PASSWORD: optional(),
  FTP_ATTEMPTS: z.coerce.number().int().positive().default(8),
  S3_BUCKET: z.string().min(1).default('sca-submissions'),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ENDPOINT: optional(),
  S3_ACCESS_KEY_ID: optional(),
  S3_SECRET_ACCESS_KEY: optional(),
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => (value === undefined ? undefined : value === 'true')),
  S3_KEY_PREFIX: z.string().default(''),
  /** Where entries files are written before delivery; one file per export at a time. */
  EXPORT_DIR: z.string().min(1).default('.exports'),
  /**
   * Longest wait between two attempts of an export step while MariaDB, the FTP server or S3 is down (the
   * wait doubles from 1 s up to this); also how often a failure that needs an operator is tried again.
   */
  EXPORT_RETRY_MAX_MS: z.coerce.number().int().min(100).default(60_000),
  /**
   * Whether each export also copies the draw's record (from `{brand}.draw.records`, written by prize-draw)
   * beside the pair in S3; `false` only where no prize-draw runs, whose exports would wait for it for ever.
   */
  ARCHIVE_DRAW_RECORDS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  /** How long an export waits for its draw's record before each further attempt needs an operator. */
  DRAW_RECORD_WAIT_MS: z.coerce.number().int().min(0).default(600_000),
});

export type ScaExportConfig = z.output<typeof scaExportConfigSchema>;
