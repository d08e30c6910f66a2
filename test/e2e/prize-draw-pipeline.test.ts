import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  bind,
  DEAD_LETTER_HEADERS,
  type DrawRecord,
  EVENT_TYPES,
  encodeEvent,
  PIPELINE_EVENT_TYPES,
  toCloudEvent,
} from '@prizedraw/events';
import { deadLetterTopicOf } from '@prizedraw/stream';
import type { KafkaMessage } from 'kafkajs';
import { committedTotal, produce, readAll, readUntil } from '../support/kafka';
import { waitUntil } from '../support/wait-until';
import { type ActivityLoad, buildActivityLoad } from './support/activity-load';
import { createDeployment, type Deployment, e2eDraw } from './support/deployment';
import { drawOutcomeOf, expectDrawInvariants, hasCompleted, readDrawOutcome } from './support/draw-checks';
import { type PipelineProcesses, startPipelineProcesses } from './support/pipeline-processes';
import { replayDraw, seedDirectory, verifyDraw, withCommittedSeed } from './support/verify-draw';

// The whole in-house draw on the real broker, 8 partitions: two processes of ingestion → ticket-rules, two
// ticket wallets and one draw service, each a `prizedraw start` child process.

const header = (message: KafkaMessage, name: string) => message.headers?.[name]?.toString();

/** Sets up a fresh deployment with a defined draw, starts the processes, and sends the load. */
async function startDrawRun(customers: number, seed: number, env: Record<string, string> = {}) {
  const deployment = await createDeployment();
  // A verifiable draw: its seed in a directory the wallets and the draw service read, its commitment defined.
  const seedDir = await seedDirectory();
  const draw = await withCommittedSeed(e2eDraw(`draw-${deployment.env.BRAND}`), seedDir);
  // Defined before the services start, so enrichment holds the definition before any activity arrives.
  await deployment.define(draw);
  const pipeline = await startPipelineProcesses({ ...deployment.env, SEED_DIR: seedDir, ...env });
  const load = buildActivityLoad({ customers, promoCode: draw.promoCode, stakePerTicketMinor: 50, seed });
  await produce(deployment.topics.activity, load.messages);
  return { deployment, draw, pipeline, load };
}

/** How many times the trigger fan-out's group has consumed `{brand}.draw.triggers` (it has no output to wait on). */
const triggersConsumed = ({ env, topics }: Deployment) =>
  committedTotal(`prizedraw-${env.BRAND}-triggers`, topics.triggers);

function expectDeadLettered(dlq: readonly KafkaMessage[], load: ActivityLoad, activityTopic: string) {
  expect(dlq.map((m) => header(m, 'ce_id')).sort()).toEqual([...load.malformedIds].sort());
  for (const message of dlq) {
    expect(header(message, DEAD_LETTER_HEADERS.reason)).toMatch(/\S/);
    expect(header(message, DEAD_LETTER_HEADERS.originTopic)).toBe(activityTopic);
  }
}

/**
 * Both verifiers pass on the draw and its replay gives its entries; then a record whose cut-off moved by one
 * fails, naming the partition.
 */
async function expectVerified({ env, topics }: Deployment, drawId: string) {
  const { cli, standalone, saved } = await verifyDraw(env, drawId);
  expect(cli.output).toContain(`draw ${drawId} verified`);
  expect(cli.status).toBe(0);
  expect(standalone.output).toContain(`draw ${drawId} verified`);
  expect(standalone.status).toBe(0);
  // The activity up to the recorded cut-offs, through the pipeline's logic again, gives the same entries.
  const replay = await replayDraw(env, drawId);
  expect(replay.output).toContain(
    `draw ${drawId} replayed: the activity up to the cut-offs gives the record's`,
  );
  expect(replay.status).toBe(0);
  const record = JSON.parse(await readFile(join(saved, 'record.json'), 'utf8')) as DrawRecord & {
    entries: unknown;
  };
  const { entries: _entries, ...moved } = record;
  const [first, ...rest] = moved.cutoffOffsets!;
  const cutoffOffsets = [{ ...first!, offset: String(Number(first!.offset) + 1) }, ...rest];
  const event = toCloudEvent(bind({ ...moved, cutoffOffsets }), {
    type: EVENT_TYPES.drawRecord,
    source: '/e2e/insider',
  });
  await produce(topics.records, [encodeEvent(event, { key: drawId })]);
  const altered = await verifyDraw(env, drawId);
  expect(altered.cli.output).toContain(
    `differs: activity partition ${first!.partition}: the record's cut-off is offset ${cutoffOffsets[0]!.offset}, the topic has the draw's marker at ${first!.offset}`,
  );
  expect(altered.cli.status).toBe(1);
}

describe('the prize draw, end to end', () => {
  let pipeline: PipelineProcesses | undefined;
  afterEach(() => pipeline?.stop(), 60_000);

  it('when activity with repeats and malformed records is drawn and triggered twice, then every entrant gets one result by the rules, once', async () => {
    const run = await startDrawRun(2_000, 4);
    pipeline = run.pipeline;
    const { deployment, draw, load } = run;
    const { topics } = deployment;
    expect(load.repeats).toBeGreaterThan(0);

    await deployment.trigger(draw.drawId);
    await deployment.trigger(draw.drawId);
    expectDrawInvariants(await readDrawOutcome(topics.results, draw.drawId), draw, load.expectedTickets);

    // The second trigger was consumed and fanned nothing out: still one marker per activity partition.
    await waitUntil('both triggers consumed', async () => (await triggersConsumed(deployment)) === 2);
    const markers = (await readAll(topics.activity)).filter(
      (m) => header(m, 'ce_type') === PIPELINE_EVENT_TYPES.drawMarker,
    );
    expect(markers).toHaveLength(8);
    expect(drawOutcomeOf(await readAll(topics.results), draw.drawId).completed).toHaveLength(1);

    expectDeadLettered(await readAll(deadLetterTopicOf(topics.activity)), load, topics.activity);
    await expectVerified(deployment, draw.drawId);

    // Live counts: the wallet owning a customer's partition answers, the other one points elsewhere.
    const ask = (accountId: string) =>
      Promise.all(
        (['wallet-1', 'wallet-2'] as const).map(async (name) => {
          const url = `${pipeline!.get(name).url}/v1/draws/${draw.drawId}/customers/${accountId}`;
          const response = await fetch(url);
          return { status: response.status, body: (await response.json()) as Record<string, unknown> };
        }),
      );
    for (const [accountId, tickets] of [...load.expectedTickets].slice(0, 10)) {
      const answers = await ask(accountId);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 421]);
      expect(answers.find((a) => a.status === 200)!.body).toMatchObject({
        drawId: draw.drawId,
        accountId,
        tickets,
      });
    }
    expect((await ask('nobody')).map((a) => a.status).sort()).toEqual([404, 421]);
    const invalid = await ask('%20');
    expect(invalid.map((a) => [a.status, a.body.issues])).toEqual([
      [400, [{ in: 'path', field: 'accountId', message: expect.any(String) }]],
      [400, [{ in: 'path', field: 'accountId', message: expect.any(String) }]],
    ]);
  }, 150_000);

  it('when a wallet and the draw service are SIGKILLed mid-draw and restarted, then the draw completes by the same rules with no duplicate result', async () => {
    // Small slices: the draw takes many transactions (one per 100 ms punctuation, 150 of them: 15 s or more),
    // so the kill lands inside it. With 60 (slices of 50), a wallet restart slowed by a loaded machine once
    // outlasted the whole draw, which then had completed before the first results were read.
    const run = await startDrawRun(3_000, 7, { PRIZE_DRAW_SLICE_SIZE: '20' });
    pipeline = run.pipeline;
    const { deployment, draw, load } = run;
    const { topics } = deployment;

    await deployment.trigger(draw.drawId);
    // Once the first partition's run is committed the wallets are sending runs: kill one in the middle of that.
    await readUntil(topics.runs, (messages) => messages.length > 0, 90_000);
    await pipeline.restart('wallet-1');
    const firstResults = await readUntil(topics.results, (messages) => messages.length > 0, 90_000);
    expect(hasCompleted(firstResults, draw.drawId)).toBe(false);
    await pipeline.restart('draw');

    const outcome = await readDrawOutcome(topics.results, draw.drawId);
    expect(new Set(outcome.ids).size).toBe(outcome.ids.length);
    expectDrawInvariants(outcome, draw, load.expectedTickets);
    expectDeadLettered(await readAll(deadLetterTopicOf(topics.activity)), load, topics.activity);
    // One record, and it verifies: the tickets the restarted wallet derived again are the same.
    const records = (await readAll(topics.records)).filter(
      (m) => header(m, 'ce_type') === EVENT_TYPES.drawRecord,
    );
    expect(records).toHaveLength(1);
    await expectVerified(deployment, draw.drawId);
  }, 180_000);
});
