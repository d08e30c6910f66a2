import type { ScaSubmission } from '@prizedraw/compliance-db';
import type { ScaExportReady } from '@prizedraw/events';
import { type ScaExportRequest, scaExportStatusOf, scaPeriodOf } from './sca-exports';

const request: ScaExportRequest = { ready: {} as ScaExportReady, partition: 1, offset: '7', at: 0 };
const started = '2026-03-09T05:01:00.000Z';
const submission = (finishedAt: string | null) => ({ startedAt: started, finishedAt }) as ScaSubmission;
const now = Date.parse(started) + 60_000;

describe('scaExportStatusOf', () => {
  it('when the submission is finished, then it is delivered', () => {
    expect(scaExportStatusOf(request, submission('2026-03-09T05:01:02.000Z'), 8n, now).state).toBe(
      'delivered',
    );
  });
  it('when no request was seen, then its runs are not complete', () => {
    expect(scaExportStatusOf(undefined, undefined, undefined, now).state).toBe('not-requested');
  });
  it('when the worker has not reached the request, then it is queued, then delivering once started', () => {
    expect(scaExportStatusOf(request, undefined, 7n, now).state).toBe('queued');
    expect(scaExportStatusOf(request, undefined, undefined, now).state).toBe('queued');
    expect(scaExportStatusOf(request, submission(null), 7n, now).state).toBe('delivering');
  });
  it('when a delivery has run for over five minutes, then it is stalled, saying since when', () => {
    const status = scaExportStatusOf(request, submission(null), 7n, now + 10 * 60_000);
    expect(status.state).toBe('stalled');
    expect(status.reason).toContain(`delivering since ${started} (11 min)`);
  });
  it('when the worker recorded a failed attempt since the request, then it is stalled, saying which step failed and why', () => {
    const failure = { drawId: 'd', step: 'ftp', reason: '530 Login incorrect.', failedAt: started };
    const retrying = `the worker is retrying step ftp, which last failed at ${started}: 530 Login incorrect.`;
    expect(scaExportStatusOf(request, undefined, 7n, now, failure)).toEqual({
      state: 'stalled',
      reason: retrying,
    });
    expect(scaExportStatusOf(request, submission(null), 7n, now, failure)).toEqual({
      state: 'stalled',
      reason: `delivering since ${started} (1 min): ${retrying}`,
    });
  });
  it('when the latest failed attempt is older than the request, then it says nothing of this one', () => {
    const failure = { drawId: 'd', step: 's3', reason: 'gone', failedAt: started };
    const later = { ...request, at: Date.parse(started) + 1 };
    expect(scaExportStatusOf(later, undefined, 7n, now, failure).state).toBe('queued');
    expect(scaExportStatusOf(later, submission('2026-03-09T05:01:02.000Z'), 7n, now, failure).state).toBe(
      'delivered',
    );
  });
  it('when the worker went past the request without a delivered submission, then it failed, saying so', () => {
    expect(scaExportStatusOf(request, undefined, 8n, now).reason).toContain('without recording a submission');
    expect(scaExportStatusOf(request, submission(null), 8n, now)).toEqual({
      state: 'failed',
      reason: `delivery started at ${started} never finished, and the export worker went past the request`,
    });
  });
});

describe('scaPeriodOf', () => {
  it("when the draw id is the scheduler's, then it names the contest and the days", () => {
    expect(scaPeriodOf('spring-sweeps-2026-03-02-to-2026-03-08')).toEqual({
      contest: 'spring-sweeps',
      start: '2026-03-02',
      end: '2026-03-08',
    });
    expect(scaPeriodOf('xmas-2026')).toBeNull();
  });
});
