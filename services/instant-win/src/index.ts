/**
 * @prizedraw/instant-win — instant-win campaigns (seed 002): a customer presses "draw" and learns at once
 * whether they won a coupon. Customers, campaigns with coupon types (odds, total and daily quotas), draws
 * (once per customer per campaign-local day) and redemptions live in MariaDB; every draw and redemption is
 * also a CloudEvent on `{brand}.instant-win.events`, written through a transactional outbox.
 *
 * @example
 * const pool = createInstantWinPool(config.MYSQL_URL);
 * await migrateInstantWin(pool);
 * const instantWin = new InstantWin({ pool });
 * const { campaignId } = await instantWin.createCampaign(campaign);
 * const draw = await instantWin.draw(campaignId, customerId); // InstantWinError 'already-drawn-today' the 2nd time
 * const relay = startOutboxRelay({ pool, table: 'iw_outbox', kafka, topic, source: INSTANT_WIN_SOURCE, transactionalId, logger }); // @prizedraw/service
 */

import { migrateOnce } from '@prizedraw/compliance-db';
import { apiTokensOf, type Service, startOutboxRelay } from '@prizedraw/service';
import { kafkaLogCreator } from '@prizedraw/stream';
import { Kafka, logLevel } from 'kafkajs';
import { createInstantWinPool, INSTANT_WIN_MIGRATIONS_DIR } from './adapters/instant-win-pool';
import { registerInstantWinRoutes } from './adapters/instant-win-routes';
import type { InstantWinConfig } from './config';
import { InstantWin, type InstantWinOptions } from './instant-win';
import { instantWinMetrics } from './instant-win-metrics';

export {
  createInstantWinPool,
  INSTANT_WIN_MIGRATIONS_DIR,
  type InstantWinPoolOptions,
  migrateInstantWin,
} from './adapters/instant-win-pool';
export { registerInstantWinRoutes } from './adapters/instant-win-routes';
export * from './api-schemas';
export { type InstantWinConfig, instantWinConfigSchema } from './config';
export { demoCampaign } from './demo/demo-campaign';
export { type DemoLoad, type DemoLoadOptions, runDemoLoad } from './demo/demo-load';
export { type DemoEvents, type DemoSummary, demoSummary } from './demo/demo-summary';
export type { Campaign, CampaignStatus, CouponType } from './domain/campaign';
export { InstantWinError, PROBLEM_STATUS, type Problem } from './domain/instant-win-error';
export { localDateAt } from './domain/local-date';
export { PROBABILITY_SCALE, type RandomBelow, sampleCouponType } from './domain/sample-coupon-type';
export { InstantWin, type InstantWinOptions } from './instant-win';
export { type InstantWinMetrics, instantWinMetrics } from './instant-win-metrics';

/** CloudEvent source of the instant-win events. */
export const INSTANT_WIN_SOURCE = '/prizedraw/instant-win';

/**
 * The instant-win service: its API routes on the process's HTTP server and the outbox relay. It starts with
 * MariaDB down (requests answer 503 until it is back; the first to reach it migrates). The token secret
 * (API_TOKEN_SECRET or API_TOKEN_SECRET_FILE) is checked when the service is made, naming the variable.
 */
export function instantWinService(
  config: InstantWinConfig,
  options: Pick<InstantWinOptions, 'clock' | 'randomBelow'> = {},
): Service {
  const tokens = apiTokensOf(config);
  return {
    name: 'instant-win',
    async start(context) {
      const pool = createInstantWinPool(config.MYSQL_URL, {
        connectionLimit: config.INSTANT_WIN_DB_CONNECTIONS,
      });
      const ready = migrateOnce(pool, { directory: INSTANT_WIN_MIGRATIONS_DIR });
      const metrics = instantWinMetrics(context.registry);
      const logger = context.logger.child({ service: 'instant-win' });
      const instantWin = new InstantWin({
        ...options,
        pool,
        ready,
        onDraw: (draw) => metrics.draws.inc({ outcome: draw.outcome }),
      });
      const relay = startOutboxRelay({
        pool,
        table: 'iw_outbox',
        ready,
        kafka: new Kafka({
          clientId: 'prizedraw-instant-win',
          brokers: config.KAFKA_BROKERS,
          logLevel: logLevel.ERROR,
          logCreator: kafkaLogCreator(logger),
        }),
        topic: context.topics.instantWinEvents,
        source: INSTANT_WIN_SOURCE,
        transactionalId: `prizedraw-${config.BRAND}-instant-win-outbox`,
        logger,
        dataCodec: context.dataCodec,
        batchSize: config.INSTANT_WIN_RELAY_BATCH,
        relayed: metrics.relayed,
        failures: metrics.relayFailures,
      });
      context.onClose(async () => {
        await relay.stop();
        await pool.end();
      });
      registerInstantWinRoutes(context.http, {
        instantWin,
        tokens: tokens,
        retryAfterSeconds: config.INSTANT_WIN_RETRY_AFTER_S,
        metrics,
      });
    },
  };
}
