/**
 * @prizedraw/notifications — FRED + BCG: tells customers about draw results (won, and "better luck next
 * time"), ticket milestones and unqualifications. Filters events by configuration, asks the decisions service
 * whether and how to tell (HTTP with timeouts, retries with back-off and a circuit breaker), drops expired
 * messages and those without a delivery preference, renders versioned templates per brand and locale, and
 * delivers on site through the onsite gateway — or to the message queue topic when the customer is away. Also
 * runs DEC's EPPM processor: week-one unqualifications from `{dc}.{brand}.eppm.activity`.
 *
 * ```ts
 * const config = parseConfig(notificationsConfigSchema);
 * await runServices([notificationsService(config)], config);
 * ```
 */
import { apiTokensOf, type Service } from '@prizedraw/service';
import { DecisionsClient } from './adapters/decisions-client';
import { OnsiteGatewayClient } from './adapters/onsite-gateway-client';
import type { ResilientCallOptions } from './adapters/resilient-call';
import { TemplateStore } from './adapters/template-store';
import type { NotificationsConfig } from './config';
import { notificationsMetrics } from './notifications-metrics';
import { notificationsTopology, unqualificationTopology } from './topology';

export { DecisionsClient, type DecisionsClientOptions } from './adapters/decisions-client';
export {
  OnsiteGatewayClient,
  type OnsiteGatewayClientOptions,
  type OnsiteOutcome,
} from './adapters/onsite-gateway-client';
export {
  CallFailed,
  DependencyUnavailableError,
  ResilientCall,
  type ResilientCallOptions,
} from './adapters/resilient-call';
export { DEFAULT_BRAND, TemplateFileError, TemplateStore } from './adapters/template-store';
export { DEFAULT_TEMPLATES_DIR, type NotificationsConfig, notificationsConfigSchema } from './config';
export { type NotificationsMetrics, notificationsMetrics } from './notifications-metrics';
export { messageIdOf } from './processors/message-id';
export type { MessageOutcome } from './processors/message-outcome';
export {
  customerIdOf,
  DEFAULT_EVENT_TYPES,
  NotificationsProcessor,
  type NotificationsProcessorOptions,
} from './processors/notifications-processor';
export { type MessageTemplate, RenderError, renderTemplate } from './processors/render-template';
export { type DropReason, dropReasonOf, isMonday, type Route, routeOf } from './processors/route-message';
export { UnqualificationProcessor } from './processors/unqualification-processor';
export {
  NOTIFICATIONS_STAGE,
  type NotificationsTopologyOptions,
  notificationsTopology,
  unqualificationTopology,
} from './topology';

/**
 * The notifications service: two stream applications, `notifications` (results, milestones and
 * unqualifications → messages) and `notifications-eppm` (EPPM verdicts → unqualifications). The token secret
 * and the templates are read when the service is made: a bad one stops start-up naming the variable or file.
 */
export function notificationsService(config: NotificationsConfig): Service {
  const tokens = apiTokensOf(config);
  const templates = TemplateStore.load(config.NOTIFICATIONS_TEMPLATES_DIR);
  return {
    name: 'notifications',
    async start(context) {
      const { topics, dataCodec, registry } = context;
      const logger = context.logger.child({ service: 'notifications' });
      const metrics = notificationsMetrics(registry);
      const resilience = (dependency: string): Omit<ResilientCallOptions, 'name'> => ({
        maxWaitMs: config.NOTIFICATIONS_MAX_WAIT_MS,
        logger,
        onFailure: () => metrics.callFailures.inc({ dependency }),
        onBreaker: (open) => metrics.breakerOpen.set({ dependency }, open ? 1 : 0),
      });
      const http = { tokens: tokens, timeoutMs: config.NOTIFICATIONS_HTTP_TIMEOUT_MS };
      const decisions = new DecisionsClient({
        url: config.DECISIONS_URL,
        ...http,
        ...resilience('decisions'),
      });
      const gateway =
        config.ONSITE_GATEWAY_URL === undefined
          ? undefined
          : new OnsiteGatewayClient({
              url: config.ONSITE_GATEWAY_URL,
              ...http,
              ...resilience('onsite-gateway'),
            });
      context.onClose(async () => {
        decisions.close();
        gateway?.close();
      });
      await context.startStreams('notifications-eppm', unqualificationTopology({ topics, dataCodec }));
      const processor = {
        brand: config.BRAND,
        locale: config.NOTIFICATIONS_LOCALE,
        timeZone: config.BRAND_TIME_ZONE,
        eventTypes: new Set(config.NOTIFICATIONS_EVENT_TYPES),
        decide: (events: Parameters<DecisionsClient['decide']>[0]) => decisions.decide(events),
        ...(gateway && {
          deliver: (messages: Parameters<OnsiteGatewayClient['deliver']>[0]) => gateway.deliver(messages),
        }),
        template: (brand: string, locale: string, name: string, eventId: string) =>
          templates.get(brand, locale, name, eventId),
        onOutcome: ({ outcome, reason }: { outcome: string; reason: string }) =>
          metrics.messages.inc({ outcome, reason }),
      };
      await context.startStreams('notifications', notificationsTopology({ topics, processor, dataCodec }));
    },
  };
}
