import { EVENT_TYPES, type InstantWinDrawn } from '@prizedraw/events';
import type { Pool, PoolConnection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { Campaign } from '../domain/campaign';
import { InstantWinError } from '../domain/instant-win-error';
import { wonCoupon } from '../domain/won-coupon';
import { insertOutbox } from './outbox';
import { ER_DUP_ENTRY, ER_NO_REFERENCED_ROW_2, hasSqlCode, withTransaction } from './with-transaction';

/** One draw to record: who, when, and what the sampler picked (decided before the transaction). */
export interface DrawRequest {
  readonly drawId: string;
  readonly campaign: Campaign;
  readonly customerId: string;
  /** The campaign-local day of `now`. */
  readonly localDate: string;
  readonly now: Date;
  /** The coupon type the draw fell on, or null for no coupon. */
  readonly sampledTypeId: string | null;
  /** The code the coupon gets if the draw wins one. */
  readonly couponCode: string;
}

const DAY_MS = 86_400_000;

// Takes one coupon from the type's total and daily quota, or nothing. The daily quota restarts when the
// draw's local day differs from the day daily_remaining counts (the seed's last_drawn_date rule); a draw of
// a day older than that one (a request that straddled midnight and lost the race) wins nothing rather than
// reopen the earlier day. MariaDB assigns left to right: daily_remaining reads daily_date before it changes.
const TAKE_COUPON = `UPDATE iw_coupon_types
  SET remaining = remaining - 1,
      daily_remaining = IF(daily_date <=> ?, daily_remaining, daily_quota) - 1,
      daily_date = ?
  WHERE id = ? AND remaining > 0 AND IF(daily_date <=> ?, daily_remaining, daily_quota) > 0
    AND (daily_date IS NULL OR daily_date <= ?)`;

// The campaign's window is checked in the same statement that takes the customer's place of the day, so a
// close commits either before a draw (which then fails) or after it.
const INSERT_DRAW = `INSERT INTO iw_draws (id, campaign_id, customer_id, local_date, drawn_at, sampled_coupon_type_id)
  SELECT ?, id, ?, ?, ?, ? FROM iw_campaigns
  WHERE id = ? AND closed_at IS NULL AND opens_at <= ? AND closes_at > ?`;

/** Records draws: the daily limit, the quotas, the lazily created coupon and the outbox event, atomically. */
export class DrawRepository {
  constructor(private readonly pool: Pool) {}

  /**
   * Records the draw in one transaction: the customer's one draw of the local day (a unique key), one coupon
   * taken from the sampled type's total and daily quota if any remain (else no coupon), the coupon, and the
   * `instant-win-drawn` outbox event. Throws `already-drawn-today` with that day's earlier draw,
   * `campaign-not-open`, or `customer-not-found`; nothing is written then.
   */
  async record(request: DrawRequest): Promise<InstantWinDrawn> {
    try {
      return await withTransaction(this.pool, (connection) => this.recordOn(connection, request));
    } catch (error) {
      if (hasSqlCode(error, ER_DUP_ENTRY)) {
        const earlierDraw = await this.find(request.campaign, request.customerId, request.localDate);
        if (earlierDraw === undefined) throw error;
        throw new InstantWinError(
          'already-drawn-today',
          `already drew in this campaign on ${request.localDate}`,
          {
            earlierDraw,
          },
        );
      }
      if (hasSqlCode(error, ER_NO_REFERENCED_ROW_2))
        throw new InstantWinError('customer-not-found', `customer ${request.customerId} is not registered`);
      throw error;
    }
  }

  private async recordOn(connection: PoolConnection, request: DrawRequest): Promise<InstantWinDrawn> {
    const { campaign, now, localDate } = request;
    const [inserted] = await connection.execute<ResultSetHeader>(INSERT_DRAW, [
      request.drawId,
      request.customerId,
      localDate,
      now,
      request.sampledTypeId,
      campaign.id,
      now,
      now,
    ]);
    if (inserted.affectedRows !== 1)
      throw new InstantWinError('campaign-not-open', 'the campaign is not open');
    const type = campaign.couponTypes.find((candidate) => candidate.id === request.sampledTypeId);
    let coupon: InstantWinDrawn['coupon'] = null;
    if (type !== undefined) {
      const [taken] = await connection.execute<ResultSetHeader>(TAKE_COUPON, [
        localDate,
        localDate,
        type.id,
        localDate,
        localDate,
      ]);
      if (taken.affectedRows === 1) {
        const expiresAt = new Date(now.getTime() + type.redeemableForDays * DAY_MS);
        await connection.execute(
          `INSERT INTO iw_coupons (code, draw_id, campaign_id, coupon_type_id, customer_id, issued_at, expires_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
          [request.couponCode, request.drawId, campaign.id, type.id, request.customerId, now, expiresAt],
        );
        coupon = wonCoupon(campaign, type, request.couponCode, expiresAt);
      }
    }
    const draw: InstantWinDrawn = {
      drawId: request.drawId,
      campaignId: campaign.id,
      customerId: request.customerId,
      localDate,
      drawnAt: now.toISOString(),
      outcome: coupon === null ? 'no-coupon' : 'won',
      coupon,
    };
    await insertOutbox(connection, EVENT_TYPES.instantWinDrawn, request.customerId, draw, now);
    return draw;
  }

  /** The customer's draw in `campaign` on `localDate`, if committed. */
  async find(
    campaign: Campaign,
    customerId: string,
    localDate: string,
  ): Promise<InstantWinDrawn | undefined> {
    const [rows] = await this.pool.execute<RowDataPacket[]>(
      `SELECT d.id, d.drawn_at, c.code, c.coupon_type_id, c.expires_at
       FROM iw_draws d LEFT JOIN iw_coupons c ON c.draw_id = d.id
       WHERE d.campaign_id = ? AND d.customer_id = ? AND d.local_date = ?`,
      [campaign.id, customerId, localDate],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    const type = campaign.couponTypes.find((candidate) => candidate.id === row.coupon_type_id);
    const coupon =
      row.code === null || type === undefined
        ? null
        : wonCoupon(campaign, type, String(row.code), row.expires_at as Date);
    return {
      drawId: String(row.id),
      campaignId: campaign.id,
      customerId,
      localDate,
      drawnAt: (row.drawn_at as Date).toISOString(),
      outcome: coupon === null ? 'no-coupon' : 'won',
      coupon,
    };
  }
}
