import { createPool as createMysqlPool, type Pool, type PoolOptions } from 'mysql2/promise';

/** A mysql2 promise pool set up for the compliance database by {@link createPool}. */
export type ComplianceDbPool = Pool;

/**
 * A mysql2 (promise API) pool on the compliance database at `mysqlUrl`
 * (`mysql://user:password@host:port/aramis`).
 *
 * Defaults that the repositories rely on, all overridable through `options` (which also win over the URL):
 * - every session runs in UTC (`SET time_zone = '+00:00'` on each new connection) and mysql2 reads and
 *   writes `timestamp` values as UTC (`timezone: 'Z'`), so a stored instant never depends on the server's
 *   or this machine's zone;
 * - `DATE` columns come back as `'YYYY-MM-DD'` strings: a contest's dates are calendar dates in the
 *   contest's zone, not instants; `timestamp`/`datetime` come back as the server's UTC text too
 *   (`2026-03-08 12:00:00.123`), which the repositories turn into ISO instants faster than through a Date;
 * - `bigint` ids come back as numbers while they are safe integers (`supportBigNumbers`).
 */
export function createPool(mysqlUrl: string, options: PoolOptions = {}): ComplianceDbPool {
  const pool = createMysqlPool({
    uri: mysqlUrl,
    timezone: 'Z',
    dateStrings: ['DATE', 'TIMESTAMP', 'DATETIME'],
    supportBigNumbers: true,
    bigNumberStrings: false,
    connectionLimit: 10,
    ...options,
  });
  pool.pool.on('connection', (connection) => {
    // Queued before any query of the pool's user: a connection serves its commands in order.
    connection.query("SET time_zone = '+00:00'", (error) => {
      // A session whose zone could not be set would store wrong instants: drop it rather than use it.
      if (error) connection.destroy();
    });
  });
  return pool;
}
