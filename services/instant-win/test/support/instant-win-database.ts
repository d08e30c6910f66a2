import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ComplianceDbPool } from '@prizedraw/compliance-db';
import { createTestDatabase } from '../../../../libs/compliance-db/src/fixtures';
import { createInstantWinPool, migrateInstantWin } from '../../src/adapters/instant-win-pool';

const STACK_DIR = process.env.PRIZEDRAW_STACK_DIR ?? join(resolve(__dirname, '../../../..'), '.stack');

/** A database of one test file's own on the real MariaDB, with the instant-win schema. */
export interface InstantWinDatabase {
  readonly url: string;
  readonly pool: ComplianceDbPool;
  drop(): Promise<void>;
}

/**
 * A fresh database on the MariaDB at `mysqlUrl` (default MYSQL_URL, the stack's shared server), migrated, with
 * an instant-win pool on it. Root through the local stack's socket creates it where the URL's user may not.
 */
export async function instantWinDatabase(mysqlUrl = process.env.MYSQL_URL!): Promise<InstantWinDatabase> {
  const socketPath = join(STACK_DIR, 'mariadb', 'mysqld.sock');
  const database = await createTestDatabase(
    mysqlUrl,
    existsSync(socketPath) ? { admin: { socketPath, user: 'root' } } : {},
  );
  const pool = createInstantWinPool(database.url, { connectionLimit: 20 });
  await migrateInstantWin(pool);
  return {
    url: database.url,
    pool,
    drop: async () => {
      await pool.end();
      await database.drop();
    },
  };
}
