import type { RowDataPacket } from 'mysql2/promise';
import type { ComplianceDbPool } from './create-pool';

/** Watermarks of incremental readers, `aramis.ingestion_watermarks` (one row per reader). */
export class WatermarkRepository {
  constructor(private readonly pool: ComplianceDbPool) {}

  /** The last id `reader` handed on, 0 when it never ran. */
  async get(reader: string): Promise<number> {
    const [rows] = await this.pool.query<RowDataPacket[]>(
      'SELECT last_id FROM ingestion_watermarks WHERE reader = ?',
      [reader],
    );
    return rows[0] === undefined ? 0 : Number(rows[0].last_id);
  }

  /** Moves `reader`'s watermark to `lastId` (never backwards). */
  async advance(reader: string, lastId: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO ingestion_watermarks (reader, last_id) VALUES (?, ?)
       ON DUPLICATE KEY UPDATE last_id = GREATEST(last_id, VALUES(last_id))`,
      [reader, lastId],
    );
  }
}
