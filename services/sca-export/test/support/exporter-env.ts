import { join } from 'node:path';

/**
 * The settings of an exporter running on its own for `brand`, on `partitions` partitions: its state and files
 * under `work`, SCA's folder and the S3 prefix named after the brand, and no draw records archived (no
 * prize-draw runs beside it to write them, so the exports archive the pair only). Logs are silent unless
 * TEST_LOG_LEVEL says otherwise.
 */
export function exporterEnv(brand: string, partitions: number, mysqlUrl: string, work: string) {
  return {
    BRAND: brand,
    PARTITIONS: String(partitions),
    MYSQL_URL: mysqlUrl,
    STATE_DIR: join(work, 'state'),
    EXPORT_DIR: join(work, 'exports'),
    FTP_REMOTE_DIR: `/${brand}`,
    S3_KEY_PREFIX: `${brand}/`,
    ARCHIVE_DRAW_RECORDS: 'false',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  };
}
