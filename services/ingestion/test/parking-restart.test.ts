import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start } from '@prizedraw/cli';
import { bind, decodeEvent, EVENT_TYPES, encodeEvent, toCloudEvent } from '@prizedraw/events';
import type { RunningServices } from '@prizedraw/service';
import { createDeployment, e2eDraw } from '../../../test/e2e/support/deployment';
import { produce, readUntil } from '../../../test/support/kafka';

// Parked activity lives in a changelog-backed store: an ingestion instance that starts on an empty state
// directory (a new pod, a partition moved) restores it from Kafka and still releases it.

describe('ingestion parking across a restart (real Kafka)', () => {
  const running: RunningServices[] = [];
  const stateDirs: string[] = [];
  afterAll(async () => {
    for (const services of running) await services.close();
    for (const dir of stateDirs) await rm(dir, { recursive: true, force: true });
  }, 60_000);

  const startIngestion = async (env: Record<string, string>) => {
    const stateDir = await mkdtemp(join(tmpdir(), 'parking-restart-'));
    stateDirs.push(stateDir);
    const services = await start(['ingestion'], {
      ...env,
      STATE_DIR: stateDir,
      HTTP_PORT: '0',
      LOG_LEVEL: 'warn',
    });
    running.push(services);
    return services;
  };

  it('when an instance that parked activity is replaced by one on an empty state directory, then the draw defined afterwards still gets every parked record', async () => {
    const deployment = await createDeployment();
    const draw = e2eDraw(`restart-${deployment.env.BRAND}`);
    const stakes = Array.from({ length: 40 }, (_, i) => ({
      accountId: `acc-${i}`,
      promoCode: draw.promoCode,
      activityId: `bet-${i}`,
      stakeMinor: 100,
      currency: 'GBP',
    }));
    const first = await startIngestion(deployment.env);
    await produce(
      deployment.topics.activity,
      stakes.map((stake) =>
        encodeEvent(
          toCloudEvent(bind(stake), { type: EVENT_TYPES.stake, source: '/test', id: stake.activityId }),
          {
            key: stake.accountId,
          },
        ),
      ),
    );
    await readUntil(deployment.topics.unmatched, (messages) => messages.length >= stakes.length);
    await first.close();
    running.splice(running.indexOf(first), 1);

    await startIngestion(deployment.env);
    await deployment.define(draw);

    const ingested = await readUntil(
      deployment.topics.ingested,
      (messages) => messages.length >= stakes.length,
    );
    expect(ingested.map((m) => decodeEvent(m).id).sort()).toEqual(stakes.map((s) => s.activityId).sort());
  }, 120_000);
});
