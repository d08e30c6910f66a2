import { type CouponRedeemed, EVENT_TYPES } from '@prizedraw/events';
import type { Pool, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { InstantWinError } from '../domain/instant-win-error';
import { insertOutbox } from './outbox';
import { withTransaction } from './with-transaction';

// The coupon with what a redemption event needs of its type and campaign.
const SELECT_COUPON = `SELECT c.code, c.campaign_id, c.coupon_type_id, c.draw_id, c.customer_id, c.expires_at,
    c.redeemed_at, t.name, t.face_value_minor, k.currency
  FROM iw_coupons c JOIN iw_coupon_types t ON t.id = c.coupon_type_id JOIN iw_campaigns k ON k.id = c.campaign_id
  WHERE c.code = ? AND c.customer_id = ?`;

/** A redeemed coupon, as the redeem API answers. */
export interface RedeemedCoupon extends CouponRedeemed {
  readonly name: string;
}

/** Coupon redemptions. */
export class CouponRepository {
  constructor(private readonly pool: Pool) {}

  /**
   * Redeems `code` for its owner `customerId` at `now`, with the `coupon-redeemed` outbox event, in one
   * transaction. Throws `coupon-not-found` (no such code, or another customer's: the answer does not tell
   * which), `coupon-already-redeemed` or `coupon-expired`.
   */
  async redeem(code: string, customerId: string, now: Date): Promise<RedeemedCoupon> {
    return withTransaction(this.pool, async (connection) => {
      // Conditional, so two requests for one coupon cannot both redeem it: the second matches no row.
      const [updated] = await connection.execute<ResultSetHeader>(
        `UPDATE iw_coupons SET redeemed_at = ?
         WHERE code = ? AND customer_id = ? AND redeemed_at IS NULL AND expires_at > ?`,
        [now, code, customerId, now],
      );
      const [rows] = await connection.execute<RowDataPacket[]>(SELECT_COUPON, [code, customerId]);
      const row = rows[0];
      if (row === undefined) throw new InstantWinError('coupon-not-found', 'no such coupon');
      if (updated.affectedRows !== 1) {
        if (row.redeemed_at !== null)
          throw new InstantWinError(
            'coupon-already-redeemed',
            `coupon already redeemed at ${(row.redeemed_at as Date).toISOString()}`,
          );
        throw new InstantWinError(
          'coupon-expired',
          `coupon expired at ${(row.expires_at as Date).toISOString()}`,
        );
      }
      const redeemed: CouponRedeemed = {
        code,
        campaignId: String(row.campaign_id),
        couponTypeId: String(row.coupon_type_id),
        drawId: String(row.draw_id),
        customerId,
        faceValueMinor: Number(row.face_value_minor),
        currency: String(row.currency),
        redeemedAt: now.toISOString(),
      };
      await insertOutbox(connection, EVENT_TYPES.couponRedeemed, customerId, redeemed, now);
      return { ...redeemed, name: String(row.name) };
    });
  }
}
