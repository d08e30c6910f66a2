import { PIPELINE_EVENT_TYPES, type ScaExportReady } from '@prizedraw/events';
import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import { produce, uniqueName } from '../../../test/support/kafka';
import { PrivateKafkaBroker } from '../../../test/support/private-kafka-broker';
import { waitUntil } from '../../../test/support/wait-until';
import { startExportWorker } from '../src';
import { walletMessage } from './support/runs';

function readyMessage(drawId: string) {
  const ready: ScaExportReady = {
    drawId,
    runsPartition: 0,
    fromOffset: '0',
    toOffset: '0',
    partitions: 1,
    entries: 1,
  };
  return walletMessage(PIPELINE_EVENT_TYPES.scaExportReady, ready, drawId, `${drawId}:ready`);
}

// The export worker alone (its exports recorded, not done) on a broker of this test's own. Its KafkaJS
// client gives up after one retry, so that each restart of the broker ends the retries of whatever the
// consumer was doing (finding the coordinator, joining, fetching, committing), as a longer outage does with
// the default retries: KafkaJS restarts a crashed consumer only when the innermost cause says retriable, and
// a consumer that is not restarted leaves every later draw unexported, with the process up and healthy.
describe('the export worker while the broker restarts', () => {
  let broker: PrivateKafkaBroker | undefined;
  let worker: { stop(): Promise<void> } | undefined;
  afterEach(async () => {
    await worker?.stop();
    await broker?.close();
  }, 60_000);

  it('when the broker restarts between and during exports, then every export-ready record is exported, in order, and none again once a later one was', async () => {
    broker = await PrivateKafkaBroker.start();
    const topic = uniqueName('sca-exports');
    const admin = broker.client().admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
    const kafka = new Kafka({
      clientId: 'export-worker-test',
      brokers: broker.brokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
    });
    const exported: string[] = [];
    let hold: Promise<void> | undefined;
    worker = await startExportWorker({
      kafka,
      topic,
      groupId: uniqueName('sca-export-worker'),
      exportDraw: async (ready) => {
        exported.push(ready.drawId);
        await hold;
      },
      logger: pino({ level: 'silent' }),
      heartbeatIntervalMs: 500,
      sessionTimeoutMs: 6_000,
    });
    const send = (drawId: string) => produce(topic, [readyMessage(drawId)], broker!.client());
    const done = (drawId: string) =>
      waitUntil(`${drawId} exported`, () => exported.includes(drawId), { timeoutMs: 60_000 });

    await send('draw-1');
    await done('draw-1');
    for (const [n, crash] of [
      [2, true],
      [3, false],
    ] as const) {
      // Idle, waiting for records: the restart cuts through fetches and heartbeats.
      await broker.restart({ crash });
      await send(`draw-${n}a`);
      await done(`draw-${n}a`);
      // Exporting: the export ends while the broker is down, so its commit meets the outage.
      let release: () => void = () => undefined;
      hold = new Promise<void>((resolve) => {
        release = resolve;
      });
      await send(`draw-${n}b`);
      await done(`draw-${n}b`);
      await broker.stop(crash ? 'SIGKILL' : 'SIGTERM');
      release();
      hold = undefined;
      await broker.startAgain();
    }
    await send('draw-last');
    await done('draw-last');

    const expected = ['draw-1', ...[2, 3].flatMap((n) => [`draw-${n}a`, `draw-${n}b`]), 'draw-last'];
    // A record whose commit failed is exported again (the export is idempotent) before the next one is
    // delivered; a record is never exported again once a later one was: its offset was committed.
    expect(exported.filter((drawId, n) => drawId !== exported[n - 1])).toEqual(expected);
  }, 240_000);
});
