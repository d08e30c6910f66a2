import { mulberry32 } from '../e2e/support/activity-load';
import { expectDrawInvariants, expectRecordOfResults, readDrawOutcome } from '../e2e/support/draw-checks';
import { produce } from '../support/kafka';
import type { PrivateKafkaBroker } from '../support/private-kafka-broker';
import { waitUntil } from '../support/wait-until';
import { startPrivateDraw } from './support/private-draw';
import { Supervisor } from './support/supervisor';
import { offsetsUsed } from './support/topic-progress';

// A draw of 5,000 customers while processes are SIGKILLed at four seeded random moments — during intake,
// during the trigger fan-out, while the wallet sends its runs and while the draw sends results — and the
// broker (a private one) is restarted once, after one of those kills. A supervisor starts every killed
// process again on its state directory, as Kubernetes would. CHAOS_SEED replays a run; the seed and every
// moment are logged.

// Apart: the wallet in a process of its own. Fused: ingestion and the four stages keyed by customer in one
// process, enrichment → ticket-wallet one application (docs/stream-runtime.md, "Fused stages").
const STAGES = ['ingestion', 'enrichment', 'dedupe', 'ticket-rules'];
const LAYOUTS = {
  apart: {
    processes: { stages: STAGES, wallet: ['ticket-wallet'], draw: ['prize-draw'] },
    killedIn: { intake: 'stages', fanOut: 'stages', runs: 'wallet', results: 'draw' },
  },
  fused: {
    processes: { pipeline: [...STAGES, 'ticket-wallet'], draw: ['prize-draw'] },
    killedIn: { intake: 'pipeline', fanOut: 'pipeline', runs: 'pipeline', results: 'draw' },
  },
};

// One JSON line per event on stderr (jest shows it with the test's output): enough to replay a failing run.
const log = (fields: object, msg: string) =>
  void process.stderr.write(`${JSON.stringify({ chaos: msg, at: new Date().toISOString(), ...fields })}\n`);

describe.each(Object.entries(LAYOUTS))('chaos, stages %s', (_, { processes, killedIn }) => {
  let broker: PrivateKafkaBroker | undefined;
  let supervisor: Supervisor | undefined;
  // A process still starting is waited for (up to its 90 s readiness timeout), then stopped with the others.
  afterEach(async () => {
    await supervisor?.stop();
    log({ history: Object.fromEntries(supervisor?.history() ?? []) }, 'stopped');
    await broker?.close();
  }, 120_000);

  it('when processes are killed in every phase of a draw and the broker restarts, then every entrant gets one result with exact tickets, each prize is given its quantity, the draw completes once and its record agrees with the results', async () => {
    const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 100_000);
    const random = mulberry32(seed);
    const delayMs = (max: number) => Math.floor(random() * max);
    // After which of the four kills the broker restarts.
    const brokerRestartAfter = Math.floor(random() * 4);
    log({ seed, brokerRestartAfter }, 'chaos run');

    const run = await startPrivateDraw(5_000, seed);
    broker = run.broker;
    const { client, deployment, draw, load } = run;
    const { topics } = deployment;
    supervisor = new Supervisor({
      ...deployment.env,
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      // Many small draw transactions, so the kill during the results lands inside the draw.
      PRIZE_DRAW_SLICE_SIZE: '100',
    });
    const running = supervisor;
    await Promise.all(Object.entries(processes).map(([name, services]) => running.start(name, services)));

    let kills = 0;
    // `topic`: the phase's output, whose offsets at the kill show how far the phase had got.
    const chaos = async (phase: string, name: string, waitMs: number, topic: string) => {
      await new Promise((resolve) => setTimeout(resolve, waitMs));
      log({ phase, process: name, afterMs: waitMs, [topic]: await offsetsUsed(client, topic) }, 'SIGKILL');
      await running.kill(name);
      if (kills++ === brokerRestartAfter) {
        log({ phase }, 'broker restart');
        await broker!.restart();
      }
    };
    const started = (topic: string) => async () => (await offsetsUsed(client, topic)) > 0;

    await produce(topics.activity, load.messages, client);
    await waitUntil('intake to reach the tickets', started(topics.tickets));
    await chaos('intake', killedIn.intake, delayMs(2_000), topics.tickets);
    await running.ready(killedIn.intake);

    await deployment.trigger(draw.drawId);
    await chaos('trigger fan-out', killedIn.fanOut, delayMs(300), topics.activity);

    await waitUntil('the wallet to send runs', started(topics.runs), { timeoutMs: 90_000 });
    await chaos('runs', killedIn.runs, delayMs(200), topics.runs);
    await waitUntil('the first results', started(topics.results), { timeoutMs: 90_000 });
    await chaos('results', killedIn.results, delayMs(500), topics.results);

    const outcome = await readDrawOutcome(topics.results, draw.drawId, client);
    log(
      {
        history: Object.fromEntries(running.history()),
        [topics.results]: await offsetsUsed(client, topics.results),
      },
      'processes',
    );
    expect(kills).toBe(4);
    expect(new Set(outcome.ids).size).toBe(outcome.ids.length);
    expectDrawInvariants(outcome, draw, load.expectedTickets);
    await expectRecordOfResults(topics.records, outcome, client);
  }, 240_000);
});
