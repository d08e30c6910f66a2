import type { Pool, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { Campaign, CouponType } from '../domain/campaign';
import { withTransaction } from './with-transaction';

/** What remains of one coupon type's quotas on a local day. */
export interface Remaining {
  readonly remaining: number;
  readonly dailyRemaining: number;
}

const CAMPAIGN_COLUMNS = 'id, name, opens_at, closes_at, time_zone, currency, closed_at';
const TYPE_COLUMNS =
  'id, name, face_value_minor, probability_ppb, total_quota, daily_quota, redeemable_days, remaining, daily_remaining, daily_date';

function couponTypeOf(row: RowDataPacket): CouponType {
  return {
    id: String(row.id),
    name: String(row.name),
    faceValueMinor: Number(row.face_value_minor),
    probabilityPpb: Number(row.probability_ppb),
    totalQuota: Number(row.total_quota),
    dailyQuota: Number(row.daily_quota),
    redeemableForDays: Number(row.redeemable_days),
  };
}

/** Campaigns and their coupon types; the quotas are decremented by the draw repository only. */
export class CampaignRepository {
  constructor(private readonly pool: Pool) {}

  /** Stores a new campaign with its coupon types, their quotas full. */
  async insert(campaign: Campaign, createdAt: Date): Promise<void> {
    await withTransaction(this.pool, async (connection) => {
      await connection.execute(
        `INSERT INTO iw_campaigns (${CAMPAIGN_COLUMNS}, created_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)`,
        [
          campaign.id,
          campaign.name,
          campaign.opensAt,
          campaign.closesAt,
          campaign.timeZone,
          campaign.currency,
          createdAt,
        ],
      );
      for (const [position, type] of campaign.couponTypes.entries()) {
        await connection.execute(
          `INSERT INTO iw_coupon_types (campaign_id, position, ${TYPE_COLUMNS})
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
          [
            campaign.id,
            position,
            type.id,
            type.name,
            type.faceValueMinor,
            type.probabilityPpb,
            type.totalQuota,
            type.dailyQuota,
            type.redeemableForDays,
            type.totalQuota,
            type.dailyQuota,
          ],
        );
      }
    });
  }

  /** The campaign with `id` and its coupon types in their order, if it exists. */
  async find(id: string): Promise<Campaign | undefined> {
    const [campaigns] = await this.pool.execute<RowDataPacket[]>(
      `SELECT ${CAMPAIGN_COLUMNS} FROM iw_campaigns WHERE id = ?`,
      [id],
    );
    const row = campaigns[0];
    if (row === undefined) return undefined;
    const [types] = await this.pool.execute<RowDataPacket[]>(
      `SELECT ${TYPE_COLUMNS} FROM iw_coupon_types WHERE campaign_id = ? ORDER BY position`,
      [id],
    );
    return {
      id: String(row.id),
      name: String(row.name),
      opensAt: row.opens_at as Date,
      closesAt: row.closes_at as Date,
      timeZone: String(row.time_zone),
      currency: String(row.currency),
      closedAt: (row.closed_at as Date | null) ?? null,
      couponTypes: types.map(couponTypeOf),
    };
  }

  /**
   * What remains of each coupon type's quotas on `localDate`, by type id. A type last drawn on an earlier
   * day has its whole daily quota (capped by what remains in total): the reset happens on its next win.
   */
  async remaining(campaignId: string, localDate: string): Promise<Map<string, Remaining>> {
    const [rows] = await this.pool.execute<RowDataPacket[]>(
      `SELECT id, remaining,
              LEAST(remaining, IF(daily_date <=> ?, daily_remaining, daily_quota)) AS daily_remaining
       FROM iw_coupon_types WHERE campaign_id = ?`,
      [localDate, campaignId],
    );
    return new Map(
      rows.map((row) => [
        String(row.id),
        { remaining: Number(row.remaining), dailyRemaining: Number(row.daily_remaining) },
      ]),
    );
  }

  /** Closes the campaign at `now` unless already closed; false when there is no such campaign. */
  async close(id: string, now: Date): Promise<boolean> {
    const [result] = await this.pool.execute<ResultSetHeader>(
      'UPDATE iw_campaigns SET closed_at = COALESCE(closed_at, ?) WHERE id = ?',
      [now, id],
    );
    return result.affectedRows === 1;
  }
}
