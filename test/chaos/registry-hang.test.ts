import { produce, readAll, readUntil } from '../support/kafka';
import { type ServiceProcess, startServiceProcess } from '../support/service-process';
import { waitUntil } from '../support/wait-until';
import { abortedTransactions } from './support/aborted-transactions';
import { type RegistryScene, startRegistryScene } from './support/registry-scene';
import { CUSTOMERS, registerUpstreamSchema, upstreamStakes } from './support/upstream-stakes';
import { whileRunning } from './support/while-running';

// A registry that takes connections but answers nothing (frozen; or gone without a reset, as a node that
// died does): the schema registry client sets no timeout of its own, so without one a lookup would hold its
// batch, and every record behind it, for as long as the hang lasts.

describe('a schema registry that hangs', () => {
  let scene: RegistryScene | undefined;
  let service: ServiceProcess | undefined;
  afterEach(async () => {
    // The registry first: a service whose lookup hangs on it would wait for it to shut down.
    await scene?.registry.close();
    await service?.stop();
  }, 60_000);

  it('when the registry stops answering as records of a schema id the service has not seen arrive, then lookups time out and are retried, nothing is dead-lettered, and every record is processed once when it answers again', async () => {
    scene = await startRegistryScene('registry-hang');
    const { registry, deployment, draw, env } = scene;
    const { topics } = deployment;
    service = await startServiceProcess(['ingestion'], env, { built: true });
    const running = whileRunning(service);
    const schemaId = await registerUpstreamSchema(registry.url, topics.activity);
    await registry.freeze();

    await produce(topics.activity, upstreamStakes(draw.promoCode, schemaId, registry.url));
    // A batch fails only when its lookup gives up: more failures than the 8 partitions means retries.
    await running(
      waitUntil(
        'lookups to time out and their batches to be retried',
        async () => (await abortedTransactions(service!)) >= 12,
        { timeoutMs: 90_000 },
      ),
    );
    expect(await readAll(`${topics.activity}.dlq`)).toHaveLength(0);
    expect(await readAll(topics.ingested)).toHaveLength(0);

    await registry.thaw();
    await running(readUntil(topics.ingested, (messages) => messages.length >= CUSTOMERS, 90_000));
    const ingested = await readAll(topics.ingested);
    expect(new Set(ingested.map((message) => message.key?.toString())).size).toBe(CUSTOMERS);
    expect(ingested).toHaveLength(CUSTOMERS);
    expect(await readAll(`${topics.activity}.dlq`)).toHaveLength(0);
    expect(service.child.exitCode).toBeNull();
  }, 240_000);
});
