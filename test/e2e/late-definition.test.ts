import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start } from '@prizedraw/cli';
import type { RunningServices } from '@prizedraw/service';
import { UNMATCHED_STATUS_HEADER } from '@prizedraw/service';
import type { KafkaMessage } from 'kafkajs';
import { produce, readUntil } from '../support/kafka';
import { buildActivityLoad } from './support/activity-load';
import { createDeployment, e2eDraw } from './support/deployment';
import { drawOutcomeOf, expectDrawInvariants } from './support/draw-checks';

// Activity that upstream sends before the operator defines its draw, on the real broker (8 partitions):
// ingestion → prize-draw in this process. Before parking, all of it went to the unmatched topic for good.

describe('activity before its draw definition', () => {
  let running: RunningServices | undefined;
  let stateDir: string | undefined;

  afterEach(async () => {
    await running?.close();
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  }, 60_000);

  it('when stakes are produced before the draw is defined, then once it is defined and triggered every ticket counts, none late', async () => {
    const deployment = await createDeployment();
    stateDir = await mkdtemp(join(tmpdir(), 'late-definition-'));
    const env = { ...deployment.env, STATE_DIR: stateDir, HTTP_PORT: '0', LOG_LEVEL: 'warn' };
    running = await start(
      ['ingestion', 'enrichment', 'dedupe', 'ticket-rules', 'ticket-wallet', 'prize-draw'],
      env,
    );
    const draw = e2eDraw(`late-${deployment.env.BRAND}`);
    const load = buildActivityLoad({
      customers: 300,
      promoCode: draw.promoCode,
      stakePerTicketMinor: 50,
      seed: 10,
    });
    await produce(deployment.topics.activity, load.messages);

    // Everything valid waits, shown on the unmatched topic as parked; nothing counts yet.
    const valid = load.messages.length - load.malformedIds.length;
    const shown = await readUntil(
      deployment.topics.unmatched,
      (messages) => messages.length >= valid,
      90_000,
    );
    expect(shown.map((m) => m.headers?.[UNMATCHED_STATUS_HEADER]?.toString())).toEqual(
      Array(valid).fill('parked'),
    );

    await deployment.define(draw);
    await deployment.trigger(draw.drawId);

    // Every expected entrant's result and the draw-completed (a missing ticket would make this time out).
    const entrants = load.expectedTickets.size;
    const done = (messages: readonly KafkaMessage[]) => {
      const { results, completed } = drawOutcomeOf(messages, draw.drawId);
      return completed.length > 0 && results.length >= entrants;
    };
    const messages = await readUntil(deployment.topics.results, done, 90_000);
    expectDrawInvariants(drawOutcomeOf(messages, draw.drawId), draw, load.expectedTickets);
  }, 180_000);
});
