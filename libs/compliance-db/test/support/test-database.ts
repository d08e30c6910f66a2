import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../../src/fixtures';

const STACK_DIR = process.env.PRIZEDRAW_STACK_DIR ?? join(resolve(__dirname, '../../../..'), '.stack');

/**
 * A fresh migrated database on the real MariaDB at MYSQL_URL. Where the URL's user may not create databases,
 * root through the local stack's socket creates it (unix-socket authentication, no password exists).
 */
export function freshDatabase(): Promise<TestDatabase> {
  const socketPath = join(STACK_DIR, 'mariadb', 'mysqld.sock');
  return createTestDatabase(
    process.env.MYSQL_URL!,
    existsSync(socketPath) ? { admin: { socketPath, user: 'root' } } : {},
  );
}
