import type { RowDataPacket } from 'mysql2/promise';
import type { ComplianceDbPool } from './create-pool';
import { sqlInstantToIso } from './sql-instant';

/** One failed attempt of an SCA export step, a row of `aramis.sca_export_failures`. */
export interface ScaExportFailure {
  drawId: string;
  /** The step that failed: `submission-log`, `definition`, `entries-file`, `ftp` or `s3`. */
  step: string;
  /** The error, in words; cut at {@link MAX_REASON_LENGTH} characters. */
  reason: string;
  /** ISO-8601 UTC instant of the attempt. */
  failedAt: string;
}

/** A draw's failed attempts: how many there were, and the latest few, newest first. */
export interface ScaExportFailures {
  attempts: number;
  latest: ScaExportFailure[];
}

/** The longest reason kept (the column's size). */
export const MAX_REASON_LENGTH = 2000;

/** The failed attempts of SCA exports in `aramis.sca_export_failures`, one row per attempt. */
export class ExportFailureRepository {
  constructor(private readonly pool: ComplianceDbPool) {}

  /** Records one failed attempt; a longer reason is cut to what the column holds. */
  async record(failure: ScaExportFailure): Promise<void> {
    await this.pool.query(
      'INSERT INTO sca_export_failures (draw_id, step, reason, failed_at) VALUES (?, ?, ?, ?)',
      [failure.drawId, failure.step, failure.reason.slice(0, MAX_REASON_LENGTH), new Date(failure.failedAt)],
    );
  }

  /** How many attempts of `drawId` failed, and the latest `limit` of them, newest first. */
  async latestOf(drawId: string, limit: number): Promise<ScaExportFailures> {
    // One query: the window count is over every row of the draw, before the LIMIT applies.
    const [rows] = await this.pool.query<RowDataPacket[]>(
      `SELECT step, reason, failed_at, COUNT(*) OVER () AS attempts
       FROM sca_export_failures WHERE draw_id = ? ORDER BY failure_id DESC LIMIT ?`,
      [drawId, limit],
    );
    return {
      attempts: Number(rows[0]?.attempts ?? 0),
      latest: rows.map((row) => ({
        drawId,
        step: row.step,
        reason: row.reason,
        failedAt: sqlInstantToIso(row.failed_at),
      })),
    };
  }
}
