import { join } from 'node:path';
import { type ComplianceDbPool, createPool, type MigrateResult, migrate } from '@prizedraw/compliance-db';

/** The instant-win schema's migrations (`iw_NNN_name.sql`), recorded in the database's schema_migrations. */
export const INSTANT_WIN_MIGRATIONS_DIR = join(__dirname, '..', '..', 'migrations');

/** Options of {@link createInstantWinPool}. */
export interface InstantWinPoolOptions {
  /** Connections at most. Default 20. */
  readonly connectionLimit?: number;
  /** How long opening a connection may take before the request fails with 503. Default 2 s. */
  readonly connectTimeoutMs?: number;
}

/**
 * A mysql2 pool for the instant-win tables at `mysqlUrl`: UTC sessions as every prizedraw pool, datetimes
 * read as Dates, and a short connect timeout so that a request while MariaDB is down fails fast (503)
 * instead of holding the client for mysql2's default 10 s, and several statements per query, which a draw is.
 */
export function createInstantWinPool(
  mysqlUrl: string,
  options: InstantWinPoolOptions = {},
): ComplianceDbPool {
  return createPool(mysqlUrl, {
    dateStrings: ['DATE'],
    connectionLimit: options.connectionLimit ?? 20,
    connectTimeout: options.connectTimeoutMs ?? 2_000,
    // A draw is one request of several statements (DrawRepository). Every value is sent as a placeholder.
    multipleStatements: true,
  });
}

/** Applies the instant-win migrations not yet applied. */
export function migrateInstantWin(pool: ComplianceDbPool): Promise<MigrateResult> {
  return migrate(pool, { directory: INSTANT_WIN_MIGRATIONS_DIR });
}
