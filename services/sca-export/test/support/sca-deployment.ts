import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserDetailsRepository, WatermarkRepository } from '@prizedraw/compliance-db';
import { type ContestPeriod, parseContestRow, periodContaining } from '@prizedraw/contests';
import { schedulerConfigSchema } from '@prizedraw/scheduler';
import { parseConfig } from '@prizedraw/service';
import {
  buildContestRow,
  buildUserDetails,
  type TestDatabase,
} from '../../../../libs/compliance-db/src/fixtures';
import { freshDatabase } from '../../../../libs/compliance-db/test/support/test-database';
import { uniqueName } from '../../../../test/support/kafka';
import { createPipelineTopics } from './pipeline-topics';
import { until } from './until';

/** One SCA test file's own brand (topics), database, state and export folders, FTP folder and S3 prefix. */
export interface ScaDeployment {
  readonly brand: string;
  readonly db: TestDatabase;
  /** The services' and the scheduler's environment: the stack's settings and this deployment's. */
  readonly env: NodeJS.ProcessEnv;
  /** Drops the database and deletes the folders. */
  close(): Promise<void>;
}

/** Creates a deployment named `<prefix>-<random>` with its pipeline topics (2 partitions). */
export async function createScaDeployment(prefix: string): Promise<ScaDeployment> {
  const brand = uniqueName(prefix);
  const db = await freshDatabase();
  const stateDir = await mkdtemp(join(tmpdir(), `${prefix}-`));
  const env = {
    ...process.env,
    BRAND: brand,
    PARTITIONS: '2',
    STATE_DIR: join(stateDir, 'state'),
    EXPORT_DIR: join(stateDir, 'exports'),
    HTTP_PORT: '0',
    MYSQL_URL: db.url,
    USER_DETAILS_POLL_MS: '200',
    FTP_REMOTE_DIR: `/e2e-${brand}`,
    S3_KEY_PREFIX: `e2e/${brand}/`,
    // Most SCA tests run no prize-draw to write the draw records: their exports archive the pair only.
    ARCHIVE_DRAW_RECORDS: 'false',
    LOG_LEVEL: 'warn',
  };
  await createPipelineTopics(parseConfig(schedulerConfigSchema, env));
  return {
    brand,
    db,
    env,
    async close() {
      await db.drop();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/** The calendar day of `instant` in `zone`, as a contest row's dates are written (YYYY-MM-DD). */
export function dayIn(zone: string, instant: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(instant);
}

/** The periods of a daily contest row that contain `now` and the day before. */
export function todayAndYesterday(
  row: Parameters<typeof buildContestRow>[0],
  now: number,
): { today: ContestPeriod; yesterday: ContestPeriod } {
  const parsed = parseContestRow(buildContestRow(row));
  if (!parsed.ok) throw new Error(parsed.reason);
  const today = periodContaining(parsed.contest, now)!;
  return { today, yesterday: periodContaining(parsed.contest, Date.parse(today.startsAt) - 1)! };
}

/** Inserts contest entries into `user_details` and waits until ingestion (running) has read them all. */
export async function enterContest(
  { brand, db }: Pick<ScaDeployment, 'brand' | 'db'>,
  utmContent: string,
  entries: readonly Omit<Parameters<typeof buildUserDetails>[0], 'utmContent'>[],
): Promise<void> {
  const repository = new UserDetailsRepository(db.pool);
  let lastId = 0;
  for (const entry of entries)
    lastId = (await repository.insertEntry(buildUserDetails({ ...entry, utmContent }))).userDetailsId;
  await until(
    async () => (await new WatermarkRepository(db.pool).get(`user_details:${brand}`)) >= lastId,
    'user_details read',
  );
}
