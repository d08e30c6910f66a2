import { ExportFailureRepository, MAX_REASON_LENGTH } from '../src/export-failure-repository';
import type { TestDatabase } from '../src/fixtures';
import { freshDatabase } from './support/test-database';

describe('ExportFailureRepository (real MariaDB)', () => {
  let db: TestDatabase;
  let failures: ExportFailureRepository;
  beforeAll(async () => {
    db = await freshDatabase();
    failures = new ExportFailureRepository(db.pool);
  });
  afterAll(async () => {
    await db?.drop();
  });

  const drawId = 'spring-2026-03-02-to-2026-03-08';
  const failure = (step: string, reason: string, failedAt: string) => ({ drawId, step, reason, failedAt });

  it('when nothing failed for a draw, then it has no attempts', async () => {
    expect(await failures.latestOf('never-2026-01-01-to-2026-01-01', 5)).toEqual({ attempts: 0, latest: [] });
  });

  it('when attempts of two draws failed, then a draw counts all of its own and lists the latest first, up to the limit', async () => {
    await failures.record(failure('ftp', '530 Login incorrect.', '2026-03-09T05:00:01.000Z'));
    await failures.record(failure('ftp', '530 Login incorrect.', '2026-03-09T05:00:03.000Z'));
    await failures.record(failure('s3', 'connect ECONNREFUSED 127.0.0.1:9000', '2026-03-09T05:01:00.250Z'));
    await failures.record({ ...failure('ftp', 'other draw', '2026-03-09T05:02:00.000Z'), drawId: 'other' });
    expect(await failures.latestOf(drawId, 2)).toEqual({
      attempts: 3,
      latest: [
        failure('s3', 'connect ECONNREFUSED 127.0.0.1:9000', '2026-03-09T05:01:00.250Z'),
        failure('ftp', '530 Login incorrect.', '2026-03-09T05:00:03.000Z'),
      ],
    });
  });

  it('when a reason is longer than the column, then it is cut, not refused', async () => {
    await failures.record({
      ...failure('entries-file', 'x'.repeat(5000), '2026-03-10T00:00:00.000Z'),
      drawId: 'long',
    });
    const { latest } = await failures.latestOf('long', 1);
    expect(latest[0]?.reason).toHaveLength(MAX_REASON_LENGTH);
  });
});
