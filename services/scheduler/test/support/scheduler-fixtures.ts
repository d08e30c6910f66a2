import type { ComplianceDbPool } from '@prizedraw/compliance-db';
import type { RunningServices } from '@prizedraw/service';
import { insertContestRow } from '../../../../libs/compliance-db/src/fixtures';

// What the scheduler's fault tests share: contests with periods to trigger, what was recorded, the metrics.

const DAY_MS = 24 * 60 * 60 * 1000;

/** `YYYY-MM-DD` of `days` from today (UTC). */
function day(days: number): string {
  return new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
}

/** Daily UTC contests running from 30 days ago to 30 days ahead: each has 7 periods that ended in the last week. */
export async function insertDailyContests(
  pool: ComplianceDbPool,
  count: number,
  prefix: string,
): Promise<void> {
  for (let n = 0; n < count; n += 1) {
    await insertContestRow(pool, {
      utm_content: `${prefix}-${n}`,
      frequency: 'daily',
      timezone: 'UTC',
      start_date: day(-30),
      end_date: day(30),
    });
  }
}

/** The draw ids of the triggers the scheduler recorded. */
export async function recordedTriggers(pool: ComplianceDbPool): Promise<string[]> {
  const [rows] = await pool.query('SELECT draw_id FROM sca_draw_triggers');
  return (rows as { draw_id: string }[]).map((row) => row.draw_id);
}

/** The sum of the samples of metric `name` whose line starts with `name` + `labels`. */
export async function metric(running: RunningServices, name: string, labels = ''): Promise<number> {
  const text = await (await fetch(`${running.url}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}${labels}`) && /^[^ ]+ [0-9.e+-]+$/.test(line))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}
