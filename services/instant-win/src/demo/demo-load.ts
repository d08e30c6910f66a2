import type { InstantWinDrawn } from '@prizedraw/events';
import type { ApiTokens } from '@prizedraw/http-api';
import type { CampaignView } from '../api-schemas';
import { demoCampaign } from './demo-campaign';

/** What {@link runDemoLoad} needs. */
export interface DemoLoadOptions {
  /** Base URL of a running instant-win service. */
  readonly url: string;
  /** Issues the tokens the service accepts. */
  readonly tokens: ApiTokens;
  readonly customers: number;
  /** Prefix of the customers' account ids, unique to the run. */
  readonly runId: string;
  /** Requests in flight at once. Default 50. */
  readonly concurrency?: number;
  /** Called as requests complete, for a progress bar. */
  readonly onProgress?: (
    stage: 'customers registered' | 'draws' | 'redemptions',
    done: number,
    total: number,
  ) => void;
  /** Aborting it stops the load: requests in flight are aborted and no new one is sent. */
  readonly signal?: AbortSignal;
}

/** What the load did and what the service answered. */
export interface DemoLoad {
  readonly campaignBefore: CampaignView;
  readonly campaignAfter: CampaignView;
  readonly customers: number;
  /** Draw requests sent: one per customer, three at once for the impatient ones. */
  readonly drawRequests: number;
  readonly draws: InstantWinDrawn[];
  /** Answers by status, of every draw request. */
  readonly drawStatuses: Map<number, number>;
  /** Of the 409s, those that repeated the customer's committed draw. */
  readonly repeatsWithEarlierDraw: number;
  readonly redemptionsTried: number;
  readonly doubleRedemptionsTried: number;
  readonly redeemStatuses: Map<number, number>;
}

// One customer in 20 presses "draw" three times at once; 60% of winners redeem, one in 10 of them twice.
const IMPATIENT_EVERY = 20;
const REDEEM_SHARE = 0.6;
const DOUBLE_REDEEM_EVERY = 10;

/**
 * Runs `work` on every item with at most `limit` in flight. After a failure no new item is started, and the
 * first failure is thrown once the work in flight has settled: nothing is left sending to a service that the
 * caller then closes (a server waits for its open requests before it closes).
 */
async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
) {
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) {
      try {
        await work(items[index]!, index);
      } catch (error) {
        next = items.length;
        throw error;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
  const failed = settled.find((outcome) => outcome.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
}

const count = (counts: Map<number, number>, status: number) =>
  counts.set(status, (counts.get(status) ?? 0) + 1);

/**
 * A realistic load on a running service, as an operator's site and its customers would make it: the
 * operator creates a campaign; customers register with their phone numbers, each draws once (some press
 * three times at once), most winners redeem their coupon (some twice).
 */
export async function runDemoLoad(options: DemoLoadOptions): Promise<DemoLoad> {
  const limit = options.concurrency ?? 50;
  const call = async (
    method: 'GET' | 'POST',
    path: string,
    as: { role: 'operator' | 'customer'; subject: string },
    body?: unknown,
  ) => {
    const response = await fetch(`${options.url}${path}`, {
      method,
      signal: options.signal,
      headers: {
        authorization: `Bearer ${options.tokens.issue({ ...as, ttlSeconds: 3_600 })}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const operator = { role: 'operator', subject: `${options.runId}-operator` } as const;
  const created = await call(
    'POST',
    '/v1/campaigns',
    operator,
    demoCampaign(new Date(), `Lucky draw ${options.runId}`),
  );
  if (created.status !== 201)
    throw new Error(`creating the demo campaign answered ${created.status}: ${JSON.stringify(created.body)}`);
  const campaignBefore = created.body as unknown as CampaignView;
  const customers = Array.from({ length: options.customers }, (_, i) => `${options.runId}-${i}`);

  let registered = 0;
  await inParallel(customers, limit, async (customerId, i) => {
    const phone = `+44 7911 ${String(i % 1_000_000).padStart(6, '0')}`;
    const answer = await call('POST', '/v1/customers', { role: 'customer', subject: customerId }, { phone });
    if (answer.status !== 201) throw new Error(`registering ${customerId} answered ${answer.status}`);
    options.onProgress?.('customers registered', ++registered, customers.length);
  });

  const draws: InstantWinDrawn[] = [];
  const drawStatuses = new Map<number, number>();
  let repeatsWithEarlierDraw = 0;
  let drawn = 0;
  const drawPath = `/v1/campaigns/${campaignBefore.campaignId}/draws`;
  await inParallel(customers, limit, async (customerId, i) => {
    const presses = i % IMPATIENT_EVERY === 0 ? 3 : 1;
    const answers = await Promise.all(
      Array.from({ length: presses }, () =>
        call('POST', drawPath, { role: 'customer', subject: customerId }),
      ),
    );
    const committed = answers.find((answer) => answer.status === 201)?.body as InstantWinDrawn | undefined;
    if (committed) draws.push(committed);
    for (const answer of answers) {
      count(drawStatuses, answer.status);
      const earlier = answer.body.earlierDraw as InstantWinDrawn | undefined;
      if (answer.status === 409 && earlier?.drawId === committed?.drawId) repeatsWithEarlierDraw += 1;
    }
    options.onProgress?.('draws', ++drawn, customers.length);
  });

  const winners = draws.filter((draw) => draw.coupon !== null);
  const redeeming = winners.slice(0, Math.round(winners.length * REDEEM_SHARE));
  const redeemStatuses = new Map<number, number>();
  let doubleRedemptionsTried = 0;
  let redeemed = 0;
  await inParallel(redeeming, limit, async (draw, i) => {
    const path = `/v1/coupons/${draw.coupon!.code}/redeem`;
    const as = { role: 'customer', subject: draw.customerId } as const;
    count(redeemStatuses, (await call('POST', path, as)).status);
    if (i % DOUBLE_REDEEM_EVERY === 0) {
      doubleRedemptionsTried += 1;
      count(redeemStatuses, (await call('POST', path, as)).status);
    }
    options.onProgress?.('redemptions', ++redeemed, redeeming.length);
  });

  const after = await call('GET', `/v1/campaigns/${campaignBefore.campaignId}`, operator);
  return {
    campaignBefore,
    campaignAfter: after.body as unknown as CampaignView,
    customers: customers.length,
    drawRequests: customers.reduce((sum, _, i) => sum + (i % IMPATIENT_EVERY === 0 ? 3 : 1), 0),
    draws,
    drawStatuses,
    repeatsWithEarlierDraw,
    redemptionsTried: redeeming.length,
    doubleRedemptionsTried,
    redeemStatuses,
  };
}
