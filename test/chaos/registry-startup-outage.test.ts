import { createServer, type Server, type Socket } from 'node:net';
import { produce, readUntil } from '../support/kafka';
import { type ServiceProcess, startServiceProcess } from '../support/service-process';
import { waitUntil } from '../support/wait-until';
import { type RegistryScene, startRegistryScene } from './support/registry-scene';
import { CUSTOMERS, registerUpstreamSchema, upstreamStakes } from './support/upstream-stakes';

// The ingestion service started with SCHEMA_REGISTRY_URL on a registry of the test's own that is down: at
// start-up it registers the schema of every event type, and a registry outage then must make it wait, not
// exit (an outage of the registry restarting with the services would otherwise take them all down).

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

describe('a schema registry outage at start-up', () => {
  let scene: RegistryScene | undefined;
  let down: Server | undefined;
  // The service, still starting if the test fails: it is stopped once it is ready (or has given up).
  let starting: Promise<ServiceProcess> | undefined;
  afterEach(async () => {
    if (down) await closeServer(down);
    await (await starting?.catch(() => undefined))?.stop();
    await scene?.registry.close();
  }, 180_000);

  it('when the registry is down as the service starts, then the process waits for it and starts once it is back', async () => {
    scene = await startRegistryScene('registry-startup');
    const { registry, deployment, draw, env } = scene;
    await registry.crash();
    // The registry's address, down: every connection is dropped as it comes (counting the attempts).
    let attempts = 0;
    down = createServer((socket: Socket) => {
      attempts += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => down!.listen(registry.port, '127.0.0.1', resolve));
    starting = startServiceProcess(['ingestion'], env, { built: true, readyTimeoutMs: 120_000 });
    let startedOrFailed: unknown;
    starting.then(
      () => {
        startedOrFailed = 'ready';
      },
      (error: unknown) => {
        startedOrFailed = error;
      },
    );
    // Registering starts with a GET of the first subject's compatibility, which the codec does not retry: every
    // attempt is the service's.
    await waitUntil('the service to try the registry again', () => {
      if (startedOrFailed !== undefined)
        throw new Error(`with the registry down, the service did not wait: ${String(startedOrFailed)}`);
      return attempts >= 3;
    });
    await closeServer(down);
    down = undefined;
    await registry.restart();
    const service = await starting;

    const schemaId = await registerUpstreamSchema(registry.url, deployment.topics.activity);
    await produce(deployment.topics.activity, upstreamStakes(draw.promoCode, schemaId, registry.url));
    const ingested = await readUntil(
      deployment.topics.ingested,
      (messages) => messages.length >= CUSTOMERS,
      60_000,
    );
    expect(ingested).toHaveLength(CUSTOMERS);
    expect(service.child.exitCode).toBeNull();
  }, 240_000);
});
