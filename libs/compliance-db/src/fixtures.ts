/**
 * Test data and a throw-away database for tests against the real MariaDB (`@prizedraw/compliance-db/fixtures`).
 *
 * @example
 * const db = await createTestDatabase(process.env.MYSQL_URL!); // aramis_test_<random>, migrated
 * await insertContestRow(db.pool, { utm_content: 'spring', frequency: 'daily' });
 * await new UserDetailsRepository(db.pool).insertEntry(buildUserDetails({ utmContent: 'spring' }));
 * await db.drop();
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { ContestRow } from '@prizedraw/contests';
import {
  createPool as createMysqlPool,
  type Pool,
  type PoolOptions,
  type ResultSetHeader,
  type RowDataPacket,
} from 'mysql2/promise';
import { type ComplianceDbPool, createPool } from './create-pool';
import { migrate } from './migrate';
import type { NewUserDetails } from './user-details';

let sequence = 0;

/** A usable `consumer_pathways_contests` row (weekly, America/New_York, all of 2026), with `overrides`. */
export function buildContestRow(overrides: Partial<ContestRow> = {}): ContestRow {
  return {
    consumer_pathways_contest_id: 1,
    utm_content: 'spring-sweeps',
    human_readable_name: 'Spring Sweeps',
    ruleset: 'giftcard',
    frequency: 'weekly',
    start_date: '2026-01-01',
    dedupe_on_email: 0,
    creation_date: new Date('2025-12-15T12:00:00.000Z'),
    end_date: '2026-12-31',
    status: 1,
    timezone: 'America/New_York',
    site: '2017',
    ...overrides,
  };
}

/** A contest entry with a fresh `entryId` and e-mail, with `overrides`. */
export function buildUserDetails(overrides: Partial<NewUserDetails> = {}): NewUserDetails {
  sequence += 1;
  return {
    entryId: randomUUID(),
    utmContent: 'spring-sweeps',
    email: `entrant-${sequence}@example.com`,
    firstName: 'Ada',
    lastName: `Entrant ${sequence}`,
    phone: '555-0100',
    site: '2017',
    accountId: null,
    ...overrides,
  };
}

/**
 * Inserts `buildContestRow(overrides)` and returns it with the id it got. The id is the table's
 * auto-increment unless `overrides` names one.
 */
export async function insertContestRow(
  pool: ComplianceDbPool,
  overrides: Partial<ContestRow> = {},
): Promise<ContestRow> {
  const row = buildContestRow(overrides);
  const id = overrides.consumer_pathways_contest_id ?? null;
  const [result] = await pool.query<ResultSetHeader>(
    `INSERT INTO consumer_pathways_contests
       (consumer_pathways_contest_id, utm_content, human_readable_name, ruleset, frequency, start_date,
        dedupe_on_email, creation_date, end_date, status, timezone, site)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      id,
      row.utm_content,
      row.human_readable_name,
      row.ruleset,
      row.frequency,
      row.start_date,
      row.dedupe_on_email,
      row.creation_date ?? new Date(),
      row.end_date,
      row.status,
      row.timezone,
      row.site,
    ],
  );
  return { ...row, consumer_pathways_contest_id: result.insertId };
}

/** A migrated database of its own for one test file; {@link TestDatabase.drop} removes it. */
export interface TestDatabase {
  /** `aramis_test_<random hex>`. */
  database: string;
  /** `mysqlUrl` with the path changed to this database. */
  url: string;
  pool: ComplianceDbPool;
  /** Drops the database and ends the pool. */
  drop(): Promise<void>;
}

/** Options of {@link createTestDatabase}. */
export interface TestDatabaseOptions {
  /**
   * An account that may create databases and grant on them (e.g. `{ socketPath, user: 'root' }` through the
   * local stack's socket), used only when the URL's user is not allowed to create `aramis_test_…` itself.
   */
  admin?: PoolOptions;
}

const ER_DBACCESS_DENIED_ERROR = 1044;

/**
 * Creates `aramis_test_<random>` on the server of `mysqlUrl`, applies the migrations and opens a pool on it.
 * The URL's user creates it when allowed (`ALL ON \`aramis\_test\_%\`.*`); otherwise `options.admin` creates
 * it and grants the URL's user all privileges on it.
 */
export async function createTestDatabase(
  mysqlUrl: string,
  options: TestDatabaseOptions = {},
): Promise<TestDatabase> {
  const database = `aramis_test_${randomBytes(6).toString('hex')}`;
  const user = createPool(mysqlUrl, { connectionLimit: 1 });
  let owner: Pool = user;
  let grantee: [string, string] | undefined;
  try {
    await user.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } catch (error) {
    if ((error as { errno?: number }).errno !== ER_DBACCESS_DENIED_ERROR || options.admin === undefined) {
      await user.end();
      throw new Error(
        `cannot create test database ${database} (${(error as Error).message}); grant the user ALL ON ` +
          '`aramis\\_test\\_%`.* or pass an admin account',
      );
    }
    ({ owner, grantee } = await createAsAdmin(user, options.admin, database));
  }
  if (owner !== user) await user.end();
  const url = new URL(mysqlUrl);
  url.pathname = `/${database}`;
  const pool = createPool(url.toString());
  const drop = async () => {
    await pool.end();
    try {
      await owner.query(`DROP DATABASE IF EXISTS \`${database}\``);
      // A grant outlives its database: remove it, or every test run leaves one behind.
      if (grantee) await owner.query(`REVOKE ALL PRIVILEGES ON \`${database}\`.* FROM ?@?`, grantee);
    } finally {
      await owner.end();
    }
  };
  try {
    await migrate(pool);
  } catch (error) {
    await drop();
    throw error;
  }
  return { database, url: url.toString(), pool, drop };
}

async function createAsAdmin(
  user: Pool,
  admin: PoolOptions,
  database: string,
): Promise<{ owner: Pool; grantee: [string, string] }> {
  // The account the server matched for the URL's user (`prizedraw@%`), to grant exactly that one.
  const [[current]] = await user.query<RowDataPacket[]>('SELECT CURRENT_USER() AS account');
  const account = String(current?.account);
  const at = account.lastIndexOf('@');
  const grantee: [string, string] = [account.slice(0, at), account.slice(at + 1)];
  const owner = createMysqlPool({ ...admin, connectionLimit: 1 });
  try {
    await owner.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await owner.query(`GRANT ALL PRIVILEGES ON \`${database}\`.* TO ?@?`, grantee);
  } catch (error) {
    await owner.end();
    throw error;
  }
  return { owner, grantee };
}
