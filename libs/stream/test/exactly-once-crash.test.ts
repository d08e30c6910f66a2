import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTopics, produce, readAll, readUntil, uniqueName } from '../../../test/support/kafka';
import { countIds, decodeCounts, readCountStores } from './support/counting-checks';
import { buildStakeMessage } from './support/counting-topology';

const RECORDS = 100_000;
const ACCOUNTS = 500;
const PER_ACCOUNT = RECORDS / ACCOUNTS;
const PARTITIONS = 8;

function startApp(env: NodeJS.ProcessEnv): ChildProcess {
  const script = join(__dirname, 'support', 'run-counting-app.ts');
  return spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
  );
}

const randomBetween = (min: number, max: number) => min + Math.random() * (max - min);

describe('exactly-once under SIGKILL', () => {
  it('when the counting app is killed at random moments and restarted, then every output appears once and counts are exact', async () => {
    const input = uniqueName('eos-in');
    const output = uniqueName('eos-out');
    const env = {
      COUNT_INPUT: input,
      COUNT_OUTPUT: output,
      COUNT_APP_ID: uniqueName('eos-app'),
      COUNT_STATE_DIR: await mkdtemp(join(tmpdir(), 'eos-')),
    };
    await createTopics([input, output], PARTITIONS);

    // Input keeps arriving while the app is killed and restarted, so every kill lands mid-processing.
    const messages = Array.from({ length: RECORDS }, (_, i) =>
      buildStakeMessage({
        accountId: `acc-${i % ACCOUNTS}`,
        activityId: `act-${i}`,
        stakeMinor: 1 + (i % 7),
      }),
    );
    const producing = (async () => {
      for (let i = 0; i < RECORDS; i += 10_000) {
        await produce(input, messages.slice(i, i + 10_000));
        await new Promise((resolve) => setTimeout(resolve, 400));
      }
    })();

    let app = startApp(env);
    for (let kill = 0; kill < 3; kill++) {
      await new Promise((resolve) => setTimeout(resolve, randomBetween(2500, 6000)));
      app.kill('SIGKILL');
      await exited(app);
      app = startApp(env);
    }
    await producing;
    await readUntil(output, (seen) => new Set(countIds(decodeCounts(seen))).size >= RECORDS, 180_000);
    app.kill('SIGTERM');
    await exited(app);

    const counts = decodeCounts(await readAll(output));
    const ids = countIds(counts);
    expect(ids.length).toBe(RECORDS);
    expect(new Set(ids).size).toBe(RECORDS);
    const expectedTotal = (account: number) =>
      Array.from({ length: PER_ACCOUNT }, (_, k) => 1 + ((account + k * ACCOUNTS) % 7)).reduce(
        (a, b) => a + b,
        0,
      );
    const stores = await readCountStores(env.COUNT_STATE_DIR, env.COUNT_APP_ID, PARTITIONS);
    expect(stores.size).toBe(ACCOUNTS);
    for (let account = 0; account < ACCOUNTS; account++) {
      expect(stores.get(`acc-${account}`)).toEqual({
        count: PER_ACCOUNT,
        totalMinor: expectedTotal(account),
      });
    }
  }, 300_000);
});
