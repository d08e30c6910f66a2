import { join } from 'node:path';
import { type ComplianceDbPool, createPool, type MigrateResult, migrate } from '@prizedraw/compliance-db';

/** The message queue's migrations (`msq_NNN_name.sql`), recorded in the database's schema_migrations. */
export const MESSAGE_QUEUE_MIGRATIONS_DIR = join(__dirname, '..', '..', 'migrations');

/** A mysql2 pool for the msq_ tables: UTC sessions, and a short connect timeout so an outage shows at once. */
export function createMessageQueuePool(mysqlUrl: string, connectionLimit = 10): ComplianceDbPool {
  return createPool(mysqlUrl, { connectionLimit, connectTimeout: 2_000 });
}

/** Applies the message queue's migrations not yet applied. */
export function migrateMessageQueue(pool: ComplianceDbPool): Promise<MigrateResult> {
  return migrate(pool, { directory: MESSAGE_QUEUE_MIGRATIONS_DIR });
}
