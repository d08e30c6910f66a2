import type { RowDataPacket } from 'mysql2/promise';
import type { ComplianceDbPool } from './create-pool';
import { sqlInstantToIso } from './sql-instant';

/** One SCA file pair delivery, a row of `aramis.sca_submissions`. Instants are ISO-8601 UTC strings. */
export interface ScaSubmission {
  /** `${utm_content}-${start}-to-${end}`; one submission per draw. */
  drawId: string;
  txtName: string;
  hshName: string;
  /** Lowercase hex sha256 of the `.txt` (the `.hsh` content). */
  sha256: string;
  txtBytes: number;
  hshBytes: number;
  /** Entries in the `.txt` (data rows, header excluded). */
  rows: number;
  startedAt: string;
  /** `null` while the delivery is in progress (or was interrupted). */
  finishedAt: string | null;
}

/** The SCA submission log in `aramis.sca_submissions`. */
export class SubmissionRepository {
  constructor(private readonly pool: ComplianceDbPool) {}

  /** The submission of a draw, if one was recorded. */
  async find(drawId: string): Promise<ScaSubmission | undefined> {
    const [rows] = await this.pool.query<RowDataPacket[]>(
      `SELECT draw_id, txt_name, hsh_name, sha256, txt_bytes, hsh_bytes, \`rows\`, started_at, finished_at
       FROM sca_submissions WHERE draw_id = ?`,
      [drawId],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    return {
      drawId: row.draw_id,
      txtName: row.txt_name,
      hshName: row.hsh_name,
      sha256: row.sha256,
      txtBytes: Number(row.txt_bytes),
      hshBytes: Number(row.hsh_bytes),
      rows: Number(row.rows),
      startedAt: sqlInstantToIso(row.started_at),
      finishedAt: row.finished_at === null ? null : sqlInstantToIso(row.finished_at),
    };
  }

  /**
   * Writes the submission of `drawId`, replacing what was recorded for it: record it once when the
   * delivery starts (`finishedAt: null`) and again when both files are delivered and archived.
   */
  async record(submission: ScaSubmission): Promise<void> {
    await this.pool.query(
      `INSERT INTO sca_submissions
         (draw_id, txt_name, hsh_name, sha256, txt_bytes, hsh_bytes, \`rows\`, started_at, finished_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE
         txt_name = VALUES(txt_name), hsh_name = VALUES(hsh_name), sha256 = VALUES(sha256),
         txt_bytes = VALUES(txt_bytes), hsh_bytes = VALUES(hsh_bytes), \`rows\` = VALUES(\`rows\`),
         started_at = VALUES(started_at), finished_at = VALUES(finished_at)`,
      [
        submission.drawId,
        submission.txtName,
        submission.hshName,
        submission.sha256,
        submission.txtBytes,
        submission.hshBytes,
        submission.rows,
        new Date(submission.startedAt),
        submission.finishedAt === null ? null : new Date(submission.finishedAt),
      ],
    );
  }
}
