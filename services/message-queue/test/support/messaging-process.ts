import { baseConfigSchema, ensurePipelineTopics, parseConfig } from '@prizedraw/service';
import { withAdmin } from '../../../../test/support/kafka';
import { freePort, type ServiceProcess, startServiceProcess } from '../../../../test/support/service-process';
import { openSse, type SseStream } from '../../../onsite-gateway/test/support/sse-client';
import { bearer } from '../../../onsite-gateway/test/support/start-gateway';
import type { MessageQueueFixture } from './message-queue-fixture';

/**
 * `prizedraw start <services>` as one process on the fixture's database and brand, its pipeline topics made
 * first; its own port is the decisions, gateway and queue URL of the services in it.
 */
export async function startMessagingProcess(
  fixture: MessageQueueFixture,
  services: readonly string[],
): Promise<ServiceProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = { ...fixture.env(url), DECISIONS_URL: url, ONSITE_GATEWAY_URL: url };
  await withAdmin((admin) => ensurePipelineTopics(admin, parseConfig(baseConfigSchema, env)));
  return startServiceProcess(services, env, { port, readyTimeoutMs: 90_000 });
}

/** Customers' live streams at a gateway, opened as their pages would; `closeAll` ends them after the tests. */
export function customerSessions() {
  const streams: SseStream[] = [];
  return {
    async open(gatewayUrl: string, customerId: string): Promise<SseStream> {
      const stream = await openSse(
        `${gatewayUrl}/v1/customers/${customerId}/stream`,
        bearer('customer', customerId),
      );
      streams.push(stream);
      return stream;
    },
    closeAll(): void {
      for (const stream of streams) stream.close();
    },
  };
}
