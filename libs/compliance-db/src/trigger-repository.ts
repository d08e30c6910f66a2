import type { RowDataPacket } from 'mysql2/promise';
import type { ComplianceDbPool } from './create-pool';

/** The scheduler's log of triggered SCA draws, `aramis.sca_draw_triggers`. */
export class TriggerRepository {
  constructor(private readonly pool: ComplianceDbPool) {}

  /** Those of `drawIds` already triggered. */
  async triggered(drawIds: readonly string[]): Promise<Set<string>> {
    if (drawIds.length === 0) return new Set();
    const [rows] = await this.pool.query<RowDataPacket[]>(
      'SELECT draw_id FROM sca_draw_triggers WHERE draw_id IN (?)',
      [drawIds],
    );
    return new Set(rows.map((row) => String(row.draw_id)));
  }

  /** Records that `drawId` was triggered by the run as of `asOf`; recording it again changes nothing. */
  async record(drawId: string, contestId: number, asOf: Date): Promise<void> {
    await this.pool.query(
      'INSERT IGNORE INTO sca_draw_triggers (draw_id, contest_id, as_of) VALUES (?, ?, ?)',
      [drawId, contestId, asOf],
    );
  }
}
