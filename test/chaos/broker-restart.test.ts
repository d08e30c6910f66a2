import { expectDrawInvariants, readDrawOutcome } from '../e2e/support/draw-checks';
import { produce } from '../support/kafka';
import type { PrivateKafkaBroker } from '../support/private-kafka-broker';
import { type ServiceProcess, startServiceProcess } from '../support/service-process';
import { waitUntil } from '../support/wait-until';
import { startPrivateDraw } from './support/private-draw';
import { offsetsUsed } from './support/topic-progress';
import { whileRunning as whileServicesRun } from './support/while-running';

// Every service in one `prizedraw start all` process against a broker of the test's own, which is restarted
// four times at different moments of a draw. Once, every service of such a process logged a fatal "Closed
// connection" and exited: a connection error that outlasted KafkaJS's retries was taken for a bug.

describe('a broker restart under load', () => {
  let broker: PrivateKafkaBroker | undefined;
  let services: ServiceProcess | undefined;
  afterEach(async () => {
    await services?.stop();
    await broker?.close();
  }, 60_000);

  it('when the broker restarts during intake, a rebalance, the runs and the results, then no service process exits and the draw completes by the rules', async () => {
    const run = await startPrivateDraw(3_000, 17);
    broker = run.broker;
    const { client, deployment, draw, load } = run;
    const { topics } = deployment;
    services = await startServiceProcess(
      ['all'],
      // Small slices: the draw takes many transactions, so a restart lands inside it.
      { ...deployment.env, KAFKA_SESSION_TIMEOUT_MS: '10000', PRIZE_DRAW_SLICE_SIZE: '50' },
      { built: true, readyTimeoutMs: 90_000 },
    );
    const whileRunning = whileServicesRun(services, () => run.broker.transactionReport(topics.runs));
    await produce(topics.activity, load.messages, client);

    // Intake: every stage commits a transaction per batch, so the crash cuts through produces and commits.
    await whileRunning(
      waitUntil('tickets to flow', async () => (await offsetsUsed(client, topics.tickets)) > 0),
    );
    await broker.restart();
    // Every group is rejoining now: a controlled shutdown in the middle of those rebalances.
    await broker.restart({ crash: false });

    await deployment.trigger(draw.drawId);
    await whileRunning(
      waitUntil('the wallets to send runs', async () => (await offsetsUsed(client, topics.runs)) > 0, {
        timeoutMs: 90_000,
      }),
    );
    await broker.restart();
    await whileRunning(
      waitUntil('the first results', async () => (await offsetsUsed(client, topics.results)) > 0, {
        timeoutMs: 90_000,
      }),
    );
    await broker.restart();

    const outcome = await whileRunning(readDrawOutcome(topics.results, draw.drawId, client));
    expect(services.child.exitCode).toBeNull();
    expect(new Set(outcome.ids).size).toBe(outcome.ids.length);
    expectDrawInvariants(outcome, draw, load.expectedTickets);
  }, 240_000);
});
