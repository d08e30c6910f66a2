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
