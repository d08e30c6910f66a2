import { EVENT_TYPES, type InstantWinDrawn } from '@prizedraw/events';
import type { Campaign } from '../domain/campaign';

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
}

/** A draw with the two events it may commit: `won` if its coupon is taken, else `lost`. */
export interface PreparedDraw {
  readonly request: DrawRequest;
  readonly lost: InstantWinDrawn;
  /** Undefined when the draw fell on no coupon type. */
  readonly won: InstantWinDrawn | undefined;
  readonly expiresAt: Date;
}

// Several draws are recorded in one transaction sent as one multi-statement request: one round trip and one
// commit for all of them (a socket write costs this virtual machine more than the SQL does). Each draw stays
// all or nothing on its own: user variables carry its outcome from statement to statement, so a later
// statement of a draw does nothing when an earlier one did not apply, and one draw refused never stops the
// others:
// - the draw's row of the customer's local day, inserted only while the campaign is open and the customer is
//   registered. IGNORE turns the unique key's refusal of a second draw of the day into "not inserted" (the
//   SELECT's conditions rule out every other error IGNORE could hide: the foreign keys hold and every value is
//   ours). Why a draw was not inserted is asked afterwards, off the fast path;
// - one coupon taken from the sampled type's total and daily quota, or none. The daily quota restarts when
//   the draw's local day differs from the day daily_remaining counts (the seed's last_drawn_date rule); a
//   draw of a day older than that (a request that straddled midnight and lost the race) wins nothing rather
//   than reopen the earlier day. MariaDB assigns left to right: daily_remaining reads daily_date first.
//   These come after every draw's row and in coupon-type order, so that two transactions lock the coupon
//   types in the same order and cannot deadlock on them;
// - the coupon, if one was taken, and the outbox event of what was committed.
const INSERT_DRAW = `INSERT IGNORE INTO iw_draws (id, campaign_id, customer_id, local_date, drawn_at, sampled_coupon_type_id)
  SELECT ?, id, ?, ?, ?, ? FROM iw_campaigns
  WHERE id = ? AND closed_at IS NULL AND opens_at <= ? AND closes_at > ?
    AND EXISTS (SELECT 1 FROM iw_customers WHERE id = ?);`;
const takeCoupon = (n: number) => `UPDATE iw_coupon_types
  SET remaining = remaining - 1,
      daily_remaining = IF(daily_date <=> ?, daily_remaining, daily_quota) - 1,
      daily_date = ?
  WHERE id = ? AND @iw_drawn_${n} = 1 AND remaining > 0 AND IF(daily_date <=> ?, daily_remaining, daily_quota) > 0
    AND (daily_date IS NULL OR daily_date <= ?);
SET @iw_won_${n} = ROW_COUNT();
INSERT INTO iw_coupons (code, draw_id, campaign_id, coupon_type_id, customer_id, issued_at, expires_at)
  SELECT ?, ?, ?, ?, ?, ?, ? FROM DUAL WHERE @iw_won_${n} = 1;`;
const insertEvent = (n: number) => `INSERT INTO iw_outbox (event_type, record_key, data, occurred_at)
  SELECT ?, ?, IF(@iw_won_${n} = 1, ?, ?), ? FROM DUAL WHERE @iw_drawn_${n} = 1;`;

/** The SQL of `draws` recorded in one transaction, and its parameters. */
export interface DrawBatchStatements {
  readonly sql: string;
  readonly params: unknown[];
}

/**
 * The statements that record `draws` in one transaction. The request's last result is one row with
 * `drawn_N` and `won_N` (1 or 0) for the N-th draw.
 */
export function drawBatchStatements(draws: readonly PreparedDraw[]): DrawBatchStatements {
  const sql: string[] = ['START TRANSACTION;'];
  const params: unknown[] = [];
  draws.forEach(({ request }, n) => {
    const { drawId, customerId, localDate, now, sampledTypeId, campaign } = request;
    sql.push(INSERT_DRAW, `SET @iw_drawn_${n} = ROW_COUNT(), @iw_won_${n} = 0;`);
    params.push(drawId, customerId, localDate, now, sampledTypeId, campaign.id, now, now, customerId);
  });
  const winners = draws
    .map((draw, n) => ({ draw, n }))
    .filter(({ draw }) => draw.won?.coupon != null)
    .sort((a, b) => compare(a.draw.request.sampledTypeId!, b.draw.request.sampledTypeId!) || a.n - b.n);
  for (const { draw, n } of winners) {
    const { drawId, customerId, localDate, now, campaign } = draw.request;
    const coupon = draw.won!.coupon!;
    sql.push(takeCoupon(n));
    params.push(localDate, localDate, coupon.couponTypeId, localDate, localDate);
    params.push(coupon.code, drawId, campaign.id, coupon.couponTypeId, customerId, now, draw.expiresAt);
  }
  draws.forEach(({ request, won, lost }, n) => {
    sql.push(insertEvent(n));
    params.push(
      EVENT_TYPES.instantWinDrawn,
      request.customerId,
      JSON.stringify(won ?? lost),
      JSON.stringify(lost),
      request.now,
    );
  });
  const outcomes = draws.map((_, n) => `@iw_drawn_${n} AS drawn_${n}, @iw_won_${n} AS won_${n}`);
  sql.push('COMMIT;', `SELECT ${outcomes.join(', ')};`);
  return { sql: sql.join('\n'), params };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
