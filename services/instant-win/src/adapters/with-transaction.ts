import { isConnectionFailure } from '@prizedraw/compliance-db';
import type { Pool, PoolConnection } from 'mysql2/promise';

/**
 * Runs `work` in a transaction on a connection of `pool`: commits when it resolves, rolls back when it
 * throws. A connection that failed is destroyed rather than returned to the pool, so the next request opens
 * a new one instead of failing again on a dead socket.
 */
export async function withTransaction<T>(
  pool: Pool,
  work: (connection: PoolConnection) => Promise<T>,
): Promise<T> {
  const connection = await pool.getConnection();
  let broken = false;
  try {
    await connection.beginTransaction();
    const result = await work(connection);
    await connection.commit();
    return result;
  } catch (error) {
    broken = isConnectionFailure(error);
    if (!broken) await connection.rollback().catch(() => undefined);
    throw error;
  } finally {
    if (broken) connection.destroy();
    else connection.release();
  }
}

/**
 * Sends `sql`, several statements that open and commit a transaction themselves, as one request: one round
 * trip. When a statement fails, MariaDB runs none after it and the transaction is still open: it is rolled
 * back here before the error is passed on. Resolves with each statement's result.
 */
export async function inOneRoundTrip(pool: Pool, sql: string, params: unknown[]): Promise<unknown[]> {
  const connection = await pool.getConnection();
  let broken = false;
  try {
    const [results] = await connection.query(sql, params);
    return results as unknown[];
  } catch (error) {
    broken = isConnectionFailure(error);
    if (!broken) await connection.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    if (broken) connection.destroy();
    else connection.release();
  }
}

/** MariaDB's code of a duplicate key on INSERT or UPDATE. */
export const ER_DUP_ENTRY = 'ER_DUP_ENTRY';

/** Whether `error` is a MariaDB error with `code`. */
export function hasSqlCode(error: unknown, code: string): boolean {
  return (error as { code?: unknown } | null)?.code === code;
}
