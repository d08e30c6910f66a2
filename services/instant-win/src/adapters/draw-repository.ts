import { EVENT_TYPES, type InstantWinDrawn } from '@prizedraw/events';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { Campaign } from '../domain/campaign';
import { InstantWinError } from '../domain/instant-win-error';
import { wonCoupon } from '../domain/won-coupon';
import { ER_DUP_ENTRY, ER_NO_REFERENCED_ROW_2, hasSqlCode, inOneRoundTrip } from './with-transaction';

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

// The whole draw is one multi-statement request, one round trip to MariaDB (a draw took six, and the
// service's CPU went mostly to writing them to the socket); user variables carry each step's outcome to the
// next, so a later statement does nothing when an earlier one did not apply:
// - the customer's row of the local day, inserted only while the campaign is open (a close commits either
//   before a draw, which then finds it closed, or after it); the unique key makes a second one of the day
//   fail with ER_DUP_ENTRY, which stops the request there (the caller rolls back);
// - one coupon taken from the sampled type's total and daily quota, or none. The daily quota restarts when
//   the draw's local day differs from the day daily_remaining counts (the seed's last_drawn_date rule); a
//   draw of a day older than that (a request that straddled midnight and lost the race) wins nothing rather
//   than reopen the earlier day. MariaDB assigns left to right: daily_remaining reads daily_date first;
// - the coupon, if one was taken, and the outbox event of what was committed.
const INSERT_DRAW = `INSERT INTO iw_draws (id, campaign_id, customer_id, local_date, drawn_at, sampled_coupon_type_id)
  SELECT ?, id, ?, ?, ?, ? FROM iw_campaigns
  WHERE id = ? AND closed_at IS NULL AND opens_at <= ? AND closes_at > ?;
SET @iw_drawn = ROW_COUNT();`;
const TAKE_COUPON = `UPDATE iw_coupon_types
  SET remaining = remaining - 1,
      daily_remaining = IF(daily_date <=> ?, daily_remaining, daily_quota) - 1,
      daily_date = ?
  WHERE id = ? AND @iw_drawn = 1 AND remaining > 0 AND IF(daily_date <=> ?, daily_remaining, daily_quota) > 0
    AND (daily_date IS NULL OR daily_date <= ?);
SET @iw_won = ROW_COUNT();
INSERT INTO iw_coupons (code, draw_id, campaign_id, coupon_type_id, customer_id, issued_at, expires_at)
  SELECT ?, ?, ?, ?, ?, ?, ? FROM DUAL WHERE @iw_won = 1;`;
const NO_COUPON = 'SET @iw_won = 0;';
const INSERT_EVENT_AND_COMMIT = `INSERT INTO iw_outbox (event_type, record_key, data, occurred_at)
  SELECT ?, ?, IF(@iw_won = 1, ?, ?), ? FROM DUAL WHERE @iw_drawn = 1;
COMMIT;
SELECT @iw_drawn AS drawn, @iw_won AS won;`;

/**
 * The statements of one draw and their parameters: with the coupon steps when the draw fell on a type. The
 * outbox row gets `ifWon` when a coupon was taken, else `lost`.
 */
function drawStatements(
  request: DrawRequest,
  ifWon: InstantWinDrawn,
  lost: InstantWinDrawn,
  expiresAt: Date,
): { sql: string; params: unknown[] } {
  const { campaign, now, localDate, drawId, customerId, sampledTypeId } = request;
  const drawParams: unknown[] = [drawId, customerId, localDate, now, sampledTypeId, campaign.id, now, now];
  const coupon = ifWon.coupon;
  const couponParams: unknown[] =
    coupon === null
      ? []
      : [
          // TAKE_COUPON's UPDATE, then its INSERT of the coupon.
          ...[localDate, localDate, coupon.couponTypeId, localDate, localDate],
          ...[coupon.code, drawId, campaign.id, coupon.couponTypeId, customerId, now, expiresAt],
        ];
  const eventParams: unknown[] = [
    EVENT_TYPES.instantWinDrawn,
    customerId,
    JSON.stringify(ifWon),
    JSON.stringify(lost),
    now,
  ];
  return {
    sql: [
      'START TRANSACTION;',
      INSERT_DRAW,
      coupon === null ? NO_COUPON : TAKE_COUPON,
      INSERT_EVENT_AND_COMMIT,
    ].join('\n'),
    params: [...drawParams, ...couponParams, ...eventParams],
  };
}

/** Records draws: the daily limit, the quotas, the lazily created coupon and the outbox event, atomically. */
export class DrawRepository {
  /** `pool` must allow multiple statements per query (see createInstantWinPool). */
  constructor(private readonly pool: Pool) {}

  /**
   * Records the draw in one transaction: the customer's one draw of the local day (a unique key), one coupon
   * taken from the sampled type's total and daily quota if any remain (else no coupon), the coupon, and the
   * `instant-win-drawn` outbox event. Throws `already-drawn-today` with that day's earlier draw,
   * `campaign-not-open`, or `customer-not-found`; nothing is written then.
   */
  async record(request: DrawRequest): Promise<InstantWinDrawn> {
    try {
      return await this.recordOnce(request);
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

  private async recordOnce(request: DrawRequest): Promise<InstantWinDrawn> {
    const { campaign, now, localDate, drawId, customerId } = request;
    const type = campaign.couponTypes.find((candidate) => candidate.id === request.sampledTypeId);
    const lost: InstantWinDrawn = {
      drawId,
      campaignId: campaign.id,
      customerId,
      localDate,
      drawnAt: now.toISOString(),
      outcome: 'no-coupon',
      coupon: null,
    };
    const expiresAt = new Date(now.getTime() + (type?.redeemableForDays ?? 0) * DAY_MS);
    const won: InstantWinDrawn | undefined =
      type === undefined
        ? undefined
        : { ...lost, outcome: 'won', coupon: wonCoupon(campaign, type, request.couponCode, expiresAt) };
    const { sql, params } = drawStatements(request, won ?? lost, lost, expiresAt);
    const results = await inOneRoundTrip(this.pool, sql, params);
    const outcome = (results.at(-1) as RowDataPacket[])[0];
    if (Number(outcome?.drawn) !== 1)
      throw new InstantWinError('campaign-not-open', 'the campaign is not open');
    return Number(outcome?.won) === 1 && won !== undefined ? won : lost;
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
