import { bind, EVENT_TYPES, encodeEvent, toCloudEvent } from '@prizedraw/events';
import type { Message } from 'kafkajs';
import { produce, readAll } from '../support/kafka';
import { createDeployment, e2eDraw } from './support/deployment';
import { drawOutcomeOf, readDrawOutcome } from './support/draw-checks';
import { type PipelineProcesses, startPipelineProcesses } from './support/pipeline-processes';
import { replayDraw, seedDirectory, verifyDraw, withCommittedSeed } from './support/verify-draw';

// Issue 14: activity produced into the activity partitions while the draw is triggered lands after some
// partitions' markers and before others'. What the wallets count must be exactly the activity before each
// partition's cut-off, so `draws replay` agrees with the record.

/** One stake of each customer, round `round`, inside the draw's window. */
function stakeRound(promoCode: string, customers: number, round: number): Message[] {
  const time = new Date(Date.now() - 60_000).toISOString();
  return Array.from({ length: customers }, (_, i) => {
    const accountId = `live-${i}`;
    const stake = {
      accountId,
      promoCode,
      activityId: `${accountId}-bet-${round}`,
      stakeMinor: 500,
      currency: 'GBP',
    };
    const event = toCloudEvent(bind(stake), { type: EVENT_TYPES.stake, source: '/e2e/live', time });
    return encodeEvent(event, { key: accountId });
  });
}

describe('activity during the trigger', () => {
  let pipeline: PipelineProcesses | undefined;
  afterEach(() => pipeline?.stop(), 60_000);

  it('when activity keeps arriving while the draw is triggered, then draws replay agrees with the record and verify passes', async () => {
    const deployment = await createDeployment();
    const seedDir = await seedDirectory();
    const draw = await withCommittedSeed(e2eDraw(`draw-${deployment.env.BRAND}`), seedDir);
    await deployment.define(draw);
    pipeline = await startPipelineProcesses({ ...deployment.env, SEED_DIR: seedDir });
    const { topics } = deployment;
    await produce(topics.activity, stakeRound(draw.promoCode, 300, 0));

    let completed = false;
    let rounds = 1;
    const producing = (async () => {
      while (!completed) await produce(topics.activity, stakeRound(draw.promoCode, 300, rounds++));
    })();
    await deployment.trigger(draw.drawId);
    try {
      await readDrawOutcome(topics.results, draw.drawId);
    } finally {
      completed = true;
      await producing;
    }
    expect(rounds).toBeGreaterThan(2);
    expect(drawOutcomeOf(await readAll(topics.results), draw.drawId).completed).toHaveLength(1);

    const replay = await replayDraw(deployment.env, draw.drawId);
    expect(replay.output).not.toContain('differs');
    expect(replay.output).toContain(
      `draw ${draw.drawId} replayed: the activity up to the cut-offs gives the record's`,
    );
    expect(replay.status).toBe(0);
    const { cli, standalone } = await verifyDraw(deployment.env, draw.drawId);
    expect(cli.output).toContain(`draw ${draw.drawId} verified`);
    expect(cli.status).toBe(0);
    expect(standalone.status).toBe(0);
  }, 150_000);
});
