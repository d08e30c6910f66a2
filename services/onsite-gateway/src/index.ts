/**
 * @prizedraw/onsite-gateway — tells customers on site ([OSG] of seed 001). Customers' browsers hold a
 * Server-Sent Events stream (`GET /v1/customers/{customerId}/stream`, a customer token); services post
 * messages to `POST /v1/customers/{customerId}/messages` (200 when shown on at least one open session, 404
 * when the customer has none, so the caller queues it). Opening a stream produces
 * `prizedraw.customer-online.v1` on `{brand}.customers.online`, on which the message queue redelivers.
 *
 * @example
 * const running = await runServices([onsiteGatewayService(config)], config);
 * // browser: new EventSource(`/v1/customers/acc-1/stream?access_token=${token}`)
 * // service: POST /v1/customers/acc-1/messages with a customer-message.v1 body → 200 { sessions: 1 }
 */

import { apiTokensOf, createEventProducer, type Service } from '@prizedraw/service';
import { registerDemoRoutes } from './adapters/demo-routes';
import { OnlineAnnouncer } from './adapters/online-announcer';
import { registerOnsiteGatewayRoutes } from './adapters/onsite-gateway-routes';
import type { OnsiteGatewayConfig } from './config';
import { onsiteGatewayMetrics } from './onsite-gateway-metrics';
import { SessionHub } from './session-hub';

export { DEMO_DIR, registerDemoRoutes } from './adapters/demo-routes';
export { OnlineAnnouncer, type OnlineAnnouncerOptions } from './adapters/online-announcer';
export { registerOnsiteGatewayRoutes } from './adapters/onsite-gateway-routes';
export { type OnsiteGatewayConfig, onsiteGatewayConfigSchema } from './config';
export { type OnsiteGatewayMetrics, onsiteGatewayMetrics } from './onsite-gateway-metrics';
export { SessionHub } from './session-hub';

/** CloudEvent source of the customer-online events. */
export const ONSITE_GATEWAY_SOURCE = '/prizedraw/onsite-gateway';

/**
 * The onsite gateway: its routes on the process's HTTP server, the sessions of this process and the
 * producer of customer-online events. The token secret (API_TOKEN_SECRET or API_TOKEN_SECRET_FILE) is
 * checked when the service is made, naming the variable.
 */
export function onsiteGatewayService(config: OnsiteGatewayConfig): Service {
  const tokens = apiTokensOf(config);
  return {
    name: 'onsite-gateway',
    async start(context) {
      const logger = context.logger.child({ service: 'onsite-gateway' });
      const metrics = onsiteGatewayMetrics(context.registry);
      const producer = await createEventProducer({
        brokers: config.KAFKA_BROKERS,
        clientId: 'prizedraw-onsite-gateway',
        source: ONSITE_GATEWAY_SOURCE,
        logger,
        dataCodec: context.dataCodec,
      });
      const announcer = new OnlineAnnouncer({
        producer,
        topic: context.topics.customersOnline,
        brand: config.BRAND,
        logger,
        onOutcome: (outcome) => metrics.onlineEvents.inc({ outcome }),
      });
      const hub = new SessionHub(config.ONSITE_HEARTBEAT_S * 1000, {
        onSessions: (open) => metrics.sessionsOpen.set(open),
      });
      // Streams never end by themselves: the server's close would wait for them, so they are ended first.
      context.http.addHook('preClose', async () => hub.close());
      context.onClose(async () => {
        await announcer.close();
        await producer.close();
      });
      registerOnsiteGatewayRoutes(context.http, {
        hub,
        tokens,
        metrics,
        onSessionOpened: (customerId) => announcer.announce(customerId),
      });
      registerDemoRoutes(context.http, { tokens, demoTokens: config.ONSITE_DEMO_TOKENS });
      if (config.ONSITE_DEMO_TOKENS)
        logger.warn('ONSITE_DEMO_TOKENS is on: /demo/token gives anyone a token');
    },
  };
}
