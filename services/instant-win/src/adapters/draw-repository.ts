import type { InstantWinDrawn } from '@prizedraw/events';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { Campaign } from '../domain/campaign';
import { newCouponCode } from '../domain/coupon-code';
import { InstantWinError } from '../domain/instant-win-error';
import { wonCoupon } from '../domain/won-coupon';
import { BatchLanes } from './batch-lanes';
import { type DrawRequest, drawBatchStatements, type PreparedDraw } from './draw-batch-statements';
import { hasSqlCode, inOneRoundTrip } from './with-transaction';

export type { DrawRequest } from './draw-batch-statements';

const DAY_MS = 86_400_000;
// iw_customers.id is varchar(64): a longer id cannot be a registered customer.
const MAX_CUSTOMER_ID_LENGTH = 64;
// Batches in flight at once, and draws per batch at most. A few lanes keep MariaDB busy while one batch
// commits; more would only split the waiting draws into smaller batches on a 2-core machine.
const LANES = 4;
const MAX_BATCH = 50;
// InnoDB may pick a batch as a deadlock victim (two requests of one customer in two batches): the whole
// transaction rolled back, so it is run again from the start, with the same draw ids and codes.
const DEADLOCK_CODES = ['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT'];
const DEADLOCK_ATTEMPTS = 5;

interface Outcome {
  readonly drawn: boolean;
  readonly won: boolean;
}

/**
 * Records draws: the daily limit, the quotas, the lazily created coupon and the outbox event, atomically for
 * each draw. Draws that arrive while earlier ones are being written are recorded together, in one
 * transaction and one round trip (see draw-batch-statements.ts).
 */
export class DrawRepository {
  private readonly lanes = new BatchLanes<PreparedDraw, Outcome>({
    lanes: LANES,
    maxBatch: MAX_BATCH,
    run: (draws) => this.recordBatch(draws),
  });

  /** `pool` must allow multiple statements per query (see createInstantWinPool). */
  constructor(private readonly pool: Pool) {}

  /**
   * Records the draw: the customer's one draw of the local day (a unique key), one coupon taken from the
   * sampled type's total and daily quota if any remain (else no coupon), the coupon, and the
   * `instant-win-drawn` outbox event. Throws `already-drawn-today` with that day's earlier draw,
   * `campaign-not-open`, or `customer-not-found`; nothing is written then.
   */
  async record(request: DrawRequest): Promise<InstantWinDrawn> {
    if (request.customerId.length > MAX_CUSTOMER_ID_LENGTH) throw customerNotFound(request);
    const draw = prepare(request);
    const outcome = await this.lanes.submit(draw);
    if (outcome.drawn) return outcome.won && draw.won !== undefined ? draw.won : draw.lost;
    throw await this.whyNotDrawn(request);
  }

  private async recordBatch(draws: PreparedDraw[]): Promise<Outcome[]> {
    const { sql, params } = drawBatchStatements(draws);
    for (let attempt = 1; ; attempt += 1) {
      try {
        const results = await inOneRoundTrip(this.pool, sql, params);
        const row = (results.at(-1) as RowDataPacket[])[0]!;
        return draws.map((_, n) => ({
          drawn: Number(row[`drawn_${n}`]) === 1,
          won: Number(row[`won_${n}`]) === 1,
        }));
      } catch (error) {
        if (attempt >= DEADLOCK_ATTEMPTS || !DEADLOCK_CODES.some((code) => hasSqlCode(error, code)))
          throw error;
      }
    }
  }

  // A draw not inserted: the campaign is not open, or the customer drew earlier that day, or the customer is
  // not registered (asked in the order in which the draw's INSERT meets them).
  private async whyNotDrawn(request: DrawRequest): Promise<InstantWinError> {
    const { campaign, customerId, localDate, now } = request;
    const [rows] = await this.pool.execute<RowDataPacket[]>(
      `SELECT EXISTS (SELECT 1 FROM iw_campaigns
                      WHERE id = ? AND closed_at IS NULL AND opens_at <= ? AND closes_at > ?) AS open`,
      [campaign.id, now, now],
    );
    if (Number(rows[0]?.open) !== 1)
      return new InstantWinError('campaign-not-open', 'the campaign is not open');
    const earlierDraw = await this.find(campaign, customerId, localDate);
    if (earlierDraw !== undefined)
      return new InstantWinError('already-drawn-today', `already drew in this campaign on ${localDate}`, {
        earlierDraw,
      });
    return customerNotFound(request);
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

/**
 * The draw with the events it may commit, decided before the transaction: a draw that fell on a coupon type
 * gets its coupon's code here (kept if its batch is run again after a deadlock), the others none.
 */
function prepare(request: DrawRequest): PreparedDraw {
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
      : { ...lost, outcome: 'won', coupon: wonCoupon(campaign, type, newCouponCode(), expiresAt) };
  return { request, lost, won, expiresAt };
}

function customerNotFound(request: DrawRequest): InstantWinError {
  return new InstantWinError('customer-not-found', `customer ${request.customerId} is not registered`);
}
