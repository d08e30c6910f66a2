import { produce, readAll, readUntil } from '../support/kafka';
import { type ServiceProcess, startServiceProcess } from '../support/service-process';
import { waitUntil } from '../support/wait-until';
import { abortedTransactions } from './support/aborted-transactions';
import { type RegistryScene, startRegistryScene } from './support/registry-scene';
import { CUSTOMERS, registerUpstreamSchema, upstreamStakes } from './support/upstream-stakes';
import { whileRunning } from './support/while-running';

// The ingestion service with SCHEMA_REGISTRY_URL on a registry of the test's own, which is stopped while
// records of a schema id the service has not seen arrive (so it must ask the registry). A registry that is
// down is an outage, not bad input: the records wait and the process keeps running.

describe('a schema registry outage', () => {
  let scene: RegistryScene | undefined;
  let service: ServiceProcess | undefined;
  afterEach(async () => {
    await service?.stop();
    await scene?.registry.close();
  }, 60_000);

  it('when the registry is down as records of a schema id the service has not seen arrive, then the process keeps running, nothing is dead-lettered, and every record is processed once when it is back', async () => {
    scene = await startRegistryScene('registry-outage');
    const { registry, deployment, draw, env } = scene;
    const { topics } = deployment;
    service = await startServiceProcess(['ingestion'], env, { built: true });
    const running = whileRunning(service);
    const schemaId = await registerUpstreamSchema(registry.url, topics.activity);
    await registry.crash();

    await produce(topics.activity, upstreamStakes(draw.promoCode, schemaId, registry.url));
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

    await registry.restart();
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
});
