import { randomUUID } from 'node:crypto';
import { isConnectionFailure } from '@prizedraw/compliance-db';
import type { InstantWinDrawn } from '@prizedraw/events';
import type { Pool } from 'mysql2/promise';
import { CampaignRepository } from './adapters/campaign-repository';
import { CouponRepository } from './adapters/coupon-repository';
import { CustomerRepository } from './adapters/customer-repository';
import { DrawRepository } from './adapters/draw-repository';
import type { CampaignView, CustomerView, NewCampaign, NewCustomer, Redemption } from './api-schemas';
import { type Campaign, campaignStatus } from './domain/campaign';
import { InstantWinError } from './domain/instant-win-error';
import { localDateAt } from './domain/local-date';
import { toE164 } from './domain/phone-number';
import {
  PROBABILITY_SCALE,
  type RandomBelow,
  sampleCouponType,
  toPartsPerBillion,
} from './domain/sample-coupon-type';

/** Options of {@link InstantWin}. */
export interface InstantWinOptions {
  readonly pool: Pool;
  /** Resolves once the schema is migrated; awaited before each request (the service starts with MariaDB down). */
  readonly ready?: () => Promise<unknown>;
  /** The time; tests move it across local midnights. Default the system clock. */
  readonly clock?: () => Date;
  /** The sampler's randomness; default node:crypto. */
  readonly randomBelow?: RandomBelow;
  /** Called with each committed draw (metrics). */
  readonly onDraw?: (draw: InstantWinDrawn) => void;
}

/**
 * The instant-win use cases: customers, campaigns, draws and redemptions on MariaDB. Every failure is an
 * {@link InstantWinError}: refusals with their HTTP status, and `database-unavailable` (503) when MariaDB
 * cannot be reached, in which case nothing of the request was applied unless its commit got through and
 * only the answer was lost (repeating a draw then answers 409 with it).
 */
export class InstantWin {
  private readonly customers: CustomerRepository;
  private readonly campaigns: CampaignRepository;
  private readonly draws: DrawRepository;
  private readonly coupons: CouponRepository;
  private readonly clock: () => Date;
  private readonly ready: () => Promise<unknown>;
  // Coupon types and odds never change after creation: draws sample from this copy. Closing is checked by
  // the draw's own INSERT, so a stale closedAt here cannot let a draw through.
  private readonly cached = new Map<string, Campaign>();
  // Reads of a campaign not yet cached, in flight: the first draws of a campaign, arriving together, share
  // one read instead of each reading it (a burst of reads at the start of every campaign).
  private readonly loading = new Map<string, Promise<Campaign>>();

  constructor(private readonly options: InstantWinOptions) {
    this.customers = new CustomerRepository(options.pool);
    this.campaigns = new CampaignRepository(options.pool);
    this.draws = new DrawRepository(options.pool);
    this.coupons = new CouponRepository(options.pool);
    this.clock = options.clock ?? (() => new Date());
    this.ready = options.ready ?? (() => Promise.resolve());
  }

  /** Registers a customer (phone already validated by the request schema). */
  registerCustomer(input: NewCustomer): Promise<CustomerView> {
    return this.guard(async () => {
      const phone = toE164(input.phone);
      if (phone === undefined)
        throw new InstantWinError('invalid-phone', 'phone is not a valid international number');
      const customer = { customerId: input.accountId ?? randomUUID(), phone };
      await this.customers.insert(customer, this.clock());
      return customer;
    });
  }

  /** Creates a campaign with its coupon types, quotas full. */
  createCampaign(input: NewCampaign): Promise<CampaignView> {
    return this.guard(async () => {
      const campaign: Campaign = {
        id: randomUUID(),
        name: input.name,
        opensAt: new Date(input.opensAt),
        closesAt: new Date(input.closesAt),
        timeZone: input.timeZone,
        currency: input.currency,
        closedAt: null,
        couponTypes: input.couponTypes.map((type) => ({
          id: randomUUID(),
          name: type.name,
          faceValueMinor: type.faceValueMinor,
          probabilityPpb: toPartsPerBillion(type.probability),
          totalQuota: type.totalQuota,
          dailyQuota: type.dailyQuota,
          redeemableForDays: type.redeemableForDays,
        })),
      };
      await this.campaigns.insert(campaign, this.clock());
      return this.view(campaign);
    });
  }

  /** The campaign with what remains of its quotas today. */
  campaign(id: string): Promise<CampaignView> {
    return this.guard(async () => this.view(await this.fresh(id)));
  }

  /** Closes the campaign now (no draw is accepted after); closing a closed campaign changes nothing. */
  closeCampaign(id: string): Promise<CampaignView> {
    return this.guard(async () => {
      if (!(await this.campaigns.close(id, this.clock())))
        throw new InstantWinError('campaign-not-found', `no campaign ${id}`);
      return this.view(await this.fresh(id));
    });
  }

  /** The customer's draw of today in the campaign: at most one per campaign-local day. */
  draw(campaignId: string, customerId: string): Promise<InstantWinDrawn> {
    return this.guard(async () => {
      const campaign = this.cached.get(campaignId) ?? (await this.load(campaignId));
      const now = this.clock();
      const request = {
        drawId: randomUUID(),
        campaign,
        customerId,
        localDate: localDateAt(now, campaign.timeZone),
        now,
        sampledTypeId: sampleCouponType(campaign.couponTypes, this.options.randomBelow),
      };
      const draw = await this.draws.record(request);
      this.options.onDraw?.(draw);
      return draw;
    });
  }

  /** Redeems the customer's own coupon. */
  redeem(code: string, customerId: string): Promise<Redemption> {
    return this.guard(async () => {
      const redeemed = await this.coupons.redeem(code, customerId, this.clock());
      return {
        code,
        couponTypeId: redeemed.couponTypeId,
        name: redeemed.name,
        faceValueMinor: redeemed.faceValueMinor,
        currency: redeemed.currency,
        redeemedAt: redeemed.redeemedAt,
      };
    });
  }

  private load(id: string): Promise<Campaign> {
    let loading = this.loading.get(id);
    if (loading === undefined) {
      loading = this.fresh(id).finally(() => this.loading.delete(id));
      this.loading.set(id, loading);
    }
    return loading;
  }

  private async fresh(id: string): Promise<Campaign> {
    const campaign = await this.campaigns.find(id);
    if (campaign === undefined) throw new InstantWinError('campaign-not-found', `no campaign ${id}`);
    this.cached.set(id, campaign);
    return campaign;
  }

  private async view(campaign: Campaign): Promise<CampaignView> {
    const now = this.clock();
    const localDate = localDateAt(now, campaign.timeZone);
    const remaining = await this.campaigns.remaining(campaign.id, localDate);
    return {
      campaignId: campaign.id,
      name: campaign.name,
      opensAt: campaign.opensAt.toISOString(),
      closesAt: campaign.closesAt.toISOString(),
      timeZone: campaign.timeZone,
      currency: campaign.currency,
      closedAt: campaign.closedAt?.toISOString() ?? null,
      status: campaignStatus(campaign, now),
      localDate,
      couponTypes: campaign.couponTypes.map((type) => ({
        couponTypeId: type.id,
        name: type.name,
        faceValueMinor: type.faceValueMinor,
        probability: type.probabilityPpb / PROBABILITY_SCALE,
        totalQuota: type.totalQuota,
        dailyQuota: type.dailyQuota,
        redeemableForDays: type.redeemableForDays,
        remaining: remaining.get(type.id)?.remaining ?? 0,
        dailyRemaining: remaining.get(type.id)?.dailyRemaining ?? 0,
      })),
    };
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      await this.ready();
      return await work();
    } catch (error) {
      if (error instanceof InstantWinError) throw error;
      if (isConnectionFailure(error) || isPoolTimeout(error))
        throw new InstantWinError(
          'database-unavailable',
          'the database cannot be reached; try again shortly',
          {
            cause: error,
          },
        );
      throw error;
    }
  }
}

// mysql2's pool rejects with this when no connection could be had in time (the server is down).
function isPoolTimeout(error: unknown): boolean {
  return (
    error instanceof Error && /^(Queue limit reached|Pool is closed|connect ETIMEDOUT)/.test(error.message)
  );
}
