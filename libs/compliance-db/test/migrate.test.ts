import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import type { TestDatabase } from '../src/fixtures';
import { MIGRATIONS_DIR, migrate } from '../src/migrate';
import { freshDatabase } from './support/test-database';

const VERSIONS = [
  '001_aramis',
  '002_sca_draw_triggers',
  '003_ingestion_watermarks',
  '004_sca_export_failures',
];

describe('migrate (real MariaDB)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('when the database is fresh, then createTestDatabase applied every migration and recorded it like the stack script does', async () => {
    const [rows] = await db.pool.query<RowDataPacket[]>(
      'SELECT version, checksum FROM schema_migrations ORDER BY version',
    );
    const expected = await Promise.all(
      VERSIONS.map(async (version) => {
        const file = await readFile(join(MIGRATIONS_DIR, `${version}.sql`));
        return { version, checksum: createHash('sha256').update(file).digest('hex') };
      }),
    );
    expect(rows.map((row) => ({ ...row }))).toEqual(expected);
    const [tables] = await db.pool.query<RowDataPacket[]>(
      'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name',
    );
    expect(tables.map((table) => table.name)).toEqual([
      'consumer_pathways_contests',
      'ingestion_watermarks',
      'sca_draw_triggers',
      'sca_export_failures',
      'sca_submissions',
      'schema_migrations',
      'user_details',
    ]);
  });

  it('when run again, or twice at once, then nothing is applied twice', async () => {
    const results = await Promise.all([migrate(db.pool), migrate(db.pool)]);
    for (const result of results) {
      expect(result).toEqual({ applied: [], alreadyApplied: VERSIONS, changedSinceApplied: [] });
    }
  });

  it('consumer_pathways_contests has exactly the columns of the production table (seed 000)', async () => {
    const [columns] = await db.pool.query<RowDataPacket[]>(
      `SELECT column_name AS name, column_type AS type, is_nullable AS nullable, column_default AS def, extra, column_comment AS comment
       FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'consumer_pathways_contests'
       ORDER BY ordinal_position`,
    );
    expect(
      columns.map((column) => [column.name, column.type, column.nullable, column.def, column.extra]),
    ).toEqual([
      ['consumer_pathways_contest_id', 'int(10) unsigned', 'NO', null, 'auto_increment'],
      ['utm_content', 'varchar(256)', 'YES', 'NULL', ''],
      ['human_readable_name', 'varchar(256)', 'YES', 'NULL', ''],
      [
        'ruleset',
        "enum('giftcard','brandvsbrand','bigcash','dailysweeps','gift-card','brand-v-brand','daily-sweeps','big-cash')",
        'YES',
        'NULL',
        '',
      ],
      ['frequency', "enum('daily','weekly','monthly','quarterly','annually')", 'YES', 'NULL', ''],
      ['start_date', 'date', 'YES', 'NULL', ''],
      ['dedupe_on_email', 'tinyint(1)', 'YES', '0', ''],
      ['creation_date', 'timestamp', 'NO', 'current_timestamp()', ''],
      ['end_date', 'date', 'YES', 'NULL', ''],
      ['status', 'tinyint(1)', 'YES', '1', ''],
      ['timezone', 'varchar(64)', 'YES', "'America/New_York'", ''],
      ['site', 'varchar(32)', 'YES', "'2017'", ''],
    ]);
    expect(columns.find((column) => column.name === 'frequency')?.comment).toBe(
      'annually defined as October 1 to September 30',
    );
    const [[table]] = await db.pool.query<RowDataPacket[]>(
      `SELECT engine, table_collation AS collation FROM information_schema.tables
       WHERE table_schema = DATABASE() AND table_name = 'consumer_pathways_contests'`,
    );
    expect([table?.engine, table?.collation]).toEqual(['InnoDB', 'latin1_swedish_ci']);
  });

  it('when an applied file changed, then it is reported and not run again; a new file is applied', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'migrations-'));
    try {
      await cp(MIGRATIONS_DIR, dir, { recursive: true });
      await writeFile(
        join(dir, '001_aramis.sql'),
        `${await readFile(join(dir, '001_aramis.sql'), 'utf8')}\n-- edited\n`,
      );
      await writeFile(
        join(dir, '900_probe.sql'),
        "CREATE TABLE IF NOT EXISTS migrate_probe (note varchar(8) DEFAULT 'a;b');\n",
      );
      expect(await migrate(db.pool, { directory: dir })).toEqual({
        applied: ['900_probe'],
        alreadyApplied: VERSIONS,
        changedSinceApplied: ['001_aramis'],
      });
      const [[probe]] = await db.pool.query<RowDataPacket[]>(
        "SELECT column_default AS def FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'migrate_probe'",
      );
      expect(probe?.def).toBe("'a;b'");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('when a migration fails, then the error names it and it is not recorded', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'migrations-'));
    try {
      await writeFile(join(dir, '900_broken.sql'), 'CREATE TABLE broken (;\n');
      await expect(migrate(db.pool, { directory: dir })).rejects.toThrow(/^migration 900_broken failed: /);
      const [rows] = await db.pool.query<RowDataPacket[]>(
        "SELECT 1 FROM schema_migrations WHERE version = '900_broken'",
      );
      expect(rows).toHaveLength(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
