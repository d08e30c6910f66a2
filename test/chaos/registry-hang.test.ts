import { createDeployment, e2eDraw } from '../e2e/support/deployment';
import { produce, readAll, readUntil, uniqueName } from '../support/kafka';
import { type PrivateRegistry, startPrivateRegistry } from '../support/private-registry';
import { type ServiceProcess, startServiceProcess } from '../support/service-process';
import { waitUntil } from '../support/wait-until';
import { abortedTransactions } from './support/aborted-transactions';
import { CUSTOMERS, registerUpstreamSchema, upstreamStakes } from './support/upstream-stakes';
import { whileRunning } from './support/while-running';

// A registry that takes connections but answers nothing (frozen; or gone without a reset, as a node that
// died does): the schema registry client sets no timeout of its own, so without one a lookup would hold its
// batch, and every record behind it, for as long as the hang lasts.

describe('a schema registry that hangs', () => {
  let registry: PrivateRegistry | undefined;
  let service: ServiceProcess | undefined;
  afterEach(async () => {
    // The registry first: a service whose lookup hangs on it would wait for it to shut down.
    await registry?.close();
    await service?.stop();
  }, 60_000);

  it('when the registry stops answering as records of a schema id the service has not seen arrive, then lookups time out and are retried, nothing is dead-lettered, and every record is processed once when it answers again', async () => {
    const draw = e2eDraw(uniqueName('registry-hang'));
    const [started, deployment] = await Promise.all([startPrivateRegistry(), createDeployment()]);
    registry = started;
    await deployment.define(draw);
    const { topics } = deployment;
    service = await startServiceProcess(
      ['ingestion'],
      { ...deployment.env, SCHEMA_REGISTRY_URL: registry.url },
      { built: true },
    );
    const running = whileRunning(service);
    const schemaId = await registerUpstreamSchema(registry.url, topics.activity);
    await registry.freeze();

    await produce(topics.activity, upstreamStakes(draw.promoCode, schemaId, registry.url));
    // A batch fails only when its lookup gives up: twice for each partition with records means retries.
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
