import type { TestDatabase } from '../src/fixtures';
import { type ScaSubmission, SubmissionRepository } from '../src/submission-repository';
import { freshDatabase } from './support/test-database';

describe('SubmissionRepository (real MariaDB)', () => {
  let db: TestDatabase;
  let submissions: SubmissionRepository;
  beforeAll(async () => {
    db = await freshDatabase();
    submissions = new SubmissionRepository(db.pool);
  });
  afterAll(async () => {
    await db?.drop();
  });

  const started: ScaSubmission = {
    drawId: 'spring-2026-03-02-to-2026-03-08',
    txtName: 'spring-2026-03-02-to-2026-03-08.txt',
    hshName: 'spring-2026-03-02-to-2026-03-08.hsh',
    sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    txtBytes: 123_456_789_012,
    hshBytes: 64,
    rows: 1_000_000,
    startedAt: '2026-03-09T05:00:00.123Z',
    finishedAt: null,
  };

  it('when nothing was recorded for a draw, then find gives undefined', async () => {
    expect(await submissions.find('never-2026-01-01-to-2026-01-01')).toBeUndefined();
  });

  it('when a delivery starts and then finishes, then the one row of the draw reads back each state', async () => {
    await submissions.record(started);
    expect(await submissions.find(started.drawId)).toEqual(started);
    const finished = { ...started, finishedAt: '2026-03-09T05:00:07.456Z' };
    await submissions.record(finished);
    expect(await submissions.find(started.drawId)).toEqual(finished);
    const [rows] = await db.pool.query('SELECT draw_id FROM sca_submissions WHERE draw_id = ?', [
      started.drawId,
    ]);
    expect(rows).toHaveLength(1);
  });
});
