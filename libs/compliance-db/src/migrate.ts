import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PrizedrawError } from '@prizedraw/events';
import type { PoolConnection, RowDataPacket } from 'mysql2/promise';
import type { ComplianceDbPool } from './create-pool';
import { splitSqlStatements } from './split-sql-statements';

/** The migration files shipped with this package: the single source of the `aramis` schema. */
export const MIGRATIONS_DIR = join(__dirname, '..', 'migrations');

/** Options of {@link migrate}. */
export interface MigrateOptions {
  /** Folder of `NNN_name.sql` files, applied in name order. Default: this package's `migrations/`. */
  directory?: string;
  /** How long to wait for another process that is migrating the same database. Default 60. */
  lockTimeoutSeconds?: number;
}

/** What {@link migrate} did. Versions are file names without `.sql`. */
export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
  /**
   * Applied earlier from a file whose content has changed since. Not re-run (add a new migration instead);
   * the caller should warn, as `deploy/local/stack up` does.
   */
  changedSinceApplied: string[];
}

/** A migration file failed; the statements before the failing one may have run (MariaDB DDL is not transactional). */
export class MigrationError extends PrizedrawError {
  readonly version: string;

  constructor(version: string, cause: unknown) {
    super(`migration ${version} failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.version = version;
  }
}

// The same bookkeeping table as deploy/local/lib/mariadb.sh, so the stack and migrate() agree on what ran.
const CREATE_SCHEMA_MIGRATIONS = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version    varchar(255) NOT NULL PRIMARY KEY,
  checksum   char(64) NOT NULL,
  applied_at timestamp(3) NOT NULL DEFAULT current_timestamp(3)
) ENGINE=InnoDB`;

/**
 * Applies the migrations that have not run yet on the pool's database, in file-name order, each once,
 * recording `(version, checksum = sha256 of the file)` in `schema_migrations` after the whole file ran.
 * Idempotent, and safe when several processes start at once (a named lock serializes them).
 */
export async function migrate(pool: ComplianceDbPool, options: MigrateOptions = {}): Promise<MigrateResult> {
  const directory = options.directory ?? MIGRATIONS_DIR;
  const files = (await readdir(directory)).filter((name) => name.endsWith('.sql')).sort();
  const connection = await pool.getConnection();
  const lock = 'prizedraw.migrate';
  try {
    const [locked] = await connection.query<RowDataPacket[]>(
      'SELECT GET_LOCK(CONCAT(?, DATABASE()), ?) AS got',
      [lock, options.lockTimeoutSeconds ?? 60],
    );
    if (locked[0]?.got !== 1)
      throw new PrizedrawError('migrate: another process holds the migration lock', { retriable: true });
    try {
      await connection.query(CREATE_SCHEMA_MIGRATIONS);
      return await applyAll(connection, directory, files);
    } finally {
      await connection.query('SELECT RELEASE_LOCK(CONCAT(?, DATABASE()))', [lock]);
    }
  } finally {
    connection.release();
  }
}

async function applyAll(
  connection: PoolConnection,
  directory: string,
  files: string[],
): Promise<MigrateResult> {
  const [rows] = await connection.query<RowDataPacket[]>('SELECT version, checksum FROM schema_migrations');
  const recorded = new Map(rows.map((row) => [String(row.version), String(row.checksum)]));
  const result: MigrateResult = { applied: [], alreadyApplied: [], changedSinceApplied: [] };
  for (const file of files) {
    const version = file.slice(0, -'.sql'.length);
    const content = await readFile(join(directory, file));
    const checksum = createHash('sha256').update(content).digest('hex');
    const previous = recorded.get(version);
    if (previous !== undefined) {
      result.alreadyApplied.push(version);
      if (previous !== checksum) result.changedSinceApplied.push(version);
      continue;
    }
    try {
      for (const statement of splitSqlStatements(content.toString('utf8'))) await connection.query(statement);
      await connection.query('INSERT INTO schema_migrations (version, checksum) VALUES (?, ?)', [
        version,
        checksum,
      ]);
    } catch (error) {
      throw new MigrationError(version, error);
    }
    result.applied.push(version);
  }
  return result;
}
