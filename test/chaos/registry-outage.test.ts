import { createServer, type Server, type Socket } from 'node:net';
import { createDeployment, type Deployment, e2eDraw } from '../e2e/support/deployment';
import { produce, readAll, readUntil, uniqueName } from '../support/kafka';
import { type PrivateRegistry, startPrivateRegistry } from '../support/private-registry';
import { type ServiceProcess, startServiceProcess } from '../support/service-process';
import { waitUntil } from '../support/wait-until';
import { abortedTransactions } from './support/aborted-transactions';
import { CUSTOMERS, registerUpstreamSchema, upstreamStakes } from './support/upstream-stakes';
import { whileRunning } from './support/while-running';

// The ingestion service with SCHEMA_REGISTRY_URL on a registry of the test's own, which is stopped while
// records of a schema id the service has not seen arrive (so it must ask the registry), and while the
// service starts (when it registers the schema of every event type). A registry that is down is an outage,
// not bad input: the records wait and the process keeps running.

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

describe('a schema registry outage', () => {
  let registry: PrivateRegistry | undefined;
  let service: ServiceProcess | undefined;
  let down: Server | undefined;
  // A service still starting when a test fails: it is stopped once it is ready (or has given up).
  let starting: Promise<ServiceProcess> | undefined;
  let deployment: Deployment;
  const draw = e2eDraw(uniqueName('registry-outage'));

  beforeEach(async () => {
    [registry, deployment] = await Promise.all([startPrivateRegistry(), createDeployment()]);
    await deployment.define(draw);
  }, 60_000);
  afterEach(async () => {
    if (down) await closeServer(down);
    down = undefined;
    await service?.stop();
    await (await starting?.catch(() => undefined))?.stop();
    service = undefined;
    starting = undefined;
    await registry?.close();
  }, 180_000);

  it('when the registry is down as records of a schema id the service has not seen arrive, then the process keeps running, nothing is dead-lettered, and every record is processed once when it is back', async () => {
    const { topics } = deployment;
    const env = { ...deployment.env, SCHEMA_REGISTRY_URL: registry!.url };
    service = await startServiceProcess(['ingestion'], env, { built: true });
    const running = whileRunning(service);
    const schemaId = await registerUpstreamSchema(registry!.url, topics.activity);
    await registry!.crash();

    await produce(topics.activity, upstreamStakes(draw.promoCode, schemaId, registry!.url));
    // Every partition with a record fails its batch on the registry at least once; several means retries.
    await running(
      waitUntil(
        'batches to fail on the registry and be retried',
        async () => (await abortedTransactions(service!)) >= 16,
        {
          timeoutMs: 60_000,
        },
      ),
    );
    expect(service.child.exitCode).toBeNull();
    expect(await readAll(`${topics.activity}.dlq`)).toHaveLength(0);
    expect(await readAll(topics.ingested)).toHaveLength(0);

    await registry!.restart();
    const ingested = await running(
      readUntil(topics.ingested, (messages) => messages.length >= CUSTOMERS, 120_000),
    );
    const accounts = ingested.map((message) => message.key?.toString());
    expect(new Set(accounts).size).toBe(CUSTOMERS);
    // Once each: the committed output holds no second copy of any record.
    expect(await readAll(topics.ingested)).toHaveLength(CUSTOMERS);
    expect(await readAll(`${topics.activity}.dlq`)).toHaveLength(0);
    expect(service.child.exitCode).toBeNull();
  }, 240_000);

  it('when the registry is down as the service starts, then the process waits for it and starts once it is back', async () => {
    const registryPort = registry!.port;
    await registry!.crash();
    // The registry's address, down: every connection is dropped as it comes (counting the attempts).
    let attempts = 0;
    down = createServer((socket: Socket) => {
      attempts += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => down!.listen(registryPort, '127.0.0.1', resolve));
    const env = { ...deployment.env, SCHEMA_REGISTRY_URL: registry!.url };
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
    // The client tries 4 times per request: more than 8 attempts means the service tried again on its own.
    await waitUntil('the service to try the registry again', () => {
      if (startedOrFailed !== undefined)
        throw new Error(`with the registry down, the service did not wait: ${String(startedOrFailed)}`);
      return attempts > 8;
    });
    await closeServer(down);
    down = undefined;
    await registry!.restart();
    service = await starting;

    const schemaId = await registerUpstreamSchema(registry!.url, deployment.topics.activity);
    await produce(deployment.topics.activity, upstreamStakes(draw.promoCode, schemaId, registry!.url));
    const ingested = await readUntil(
      deployment.topics.ingested,
      (messages) => messages.length >= CUSTOMERS,
      60_000,
    );
    expect(ingested).toHaveLength(CUSTOMERS);
    expect(service.child.exitCode).toBeNull();
  }, 240_000);
});
