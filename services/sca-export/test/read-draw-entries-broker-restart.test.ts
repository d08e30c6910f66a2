import type { ScaExportReady } from '@prizedraw/events';
import { retryWithBackoff } from '@prizedraw/service';
import { isRetriableKafkaError } from '@prizedraw/stream';
import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import { produce, readAll, uniqueName } from '../../../test/support/kafka';
import { PrivateKafkaBroker } from '../../../test/support/private-kafka-broker';
import { waitUntil } from '../../../test/support/wait-until';
import { readDrawEntries } from '../src';
import { runEntryMessage } from './support/runs';

const ENTRIES = 20_000;
// An attempt still reading after this long is hung.
const HUNG_MS = 60_000;

/**
 * Reads the draw's entries as the export's entries-file step does: a read that fails is started again from
 * the beginning, with backoff (the step's retryWithBackoff); a failure that is not a passing Kafka one, or an
 * attempt that hangs, fails the test. `during(n)` is awaited after the n-th entry read in an attempt.
 */
async function readAsTheExportDoes(
  kafka: Kafka,
  topic: string,
  ready: ScaExportReady,
  during: (n: number) => Promise<void>,
): Promise<string[]> {
  const fatal = new AbortController();
  let attempts = 0;
  const attempt = async () => {
    attempts += 1;
    const ids: string[] = [];
    const read = (async () => {
      for await (const entry of readDrawEntries(kafka, topic, ready)) {
        ids.push(entry.entryId);
        await during(ids.length);
      }
    })();
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`attempt ${attempts} hung at ${ids.length} entries`)),
        HUNG_MS,
      );
    });
    try {
      await Promise.race([read, hung]);
      return ids;
    } catch (error) {
      if (!isRetriableKafkaError(error)) fatal.abort(error);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };
  const logger = pino({ level: 'silent' });
  return retryWithBackoff(attempt, {
    what: 'reading the entries',
    logger,
    signal: fatal.signal,
    initialDelayMs: 200,
    maxDelayMs: 2_000,
  });
}

// The export reads a draw's entries back from the runs topic when its spool does not have them. A broker
// restart in the middle of that read must end in the whole range read once, in order: the read goes on, or
// fails with a passing error that the export's step retries. It must never hang or skip a record.
describe('readDrawEntries while the broker restarts', () => {
  let broker: PrivateKafkaBroker;
  beforeAll(async () => {
    broker = await PrivateKafkaBroker.start();
  }, 90_000);
  afterAll(() => broker?.close(), 60_000);

  /** A runs topic of one partition holding a draw of ENTRIES run entries; the range as `ready` names it. */
  async function drawRange(): Promise<{ topic: string; ready: ScaExportReady; expected: string[] }> {
    const kafka = broker.client();
    const topic = uniqueName('runs');
    const drawId = uniqueName('draw');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
    const messages = Array.from({ length: ENTRIES }, (_, n) => ({
      ...runEntryMessage(drawId, 'utm', n, 1),
      partition: 0,
    }));
    for (let from = 0; from < ENTRIES; from += 1_000)
      await produce(topic, messages.slice(from, from + 1_000), kafka);
    const offsets = (await readAll(topic, kafka)).map((message) => message.offset);
    const ready = {
      drawId,
      runsPartition: 0,
      fromOffset: offsets[0]!,
      toOffset: offsets.at(-1)!,
      partitions: 1,
      entries: ENTRIES,
    };
    return { topic, ready, expected: messages.map((_, n) => `entry-${n}`) };
  }

  it('when the broker crashes while a batch is held and stops cleanly during a fetch, then every entry of the range is read once, in order', async () => {
    const { topic, ready, expected } = await drawRange();
    let crashed = false;
    let stopping: Promise<void> | undefined;
    // No KafkaJS retries: each restart ends whatever the reader's consumer was doing, as a longer outage
    // does with the default retries.
    const reader = new Kafka({
      clientId: 'reader',
      brokers: broker.brokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
    });
    const ids = await readAsTheExportDoes(reader, topic, ready, async (n) => {
      // The reader holds a fetched batch while the broker is killed and comes back.
      if (!crashed && n === 2_000) {
        crashed = true;
        await broker.restart();
      }
      // Not awaited: the reader goes on fetching while the broker shuts down and starts again.
      if (crashed && stopping === undefined && n === 7_000) stopping = broker.restart({ crash: false });
    });
    await stopping;

    expect(ids).toEqual(expected);
  }, 240_000);

  it('when a batch is held until the group drops the reader, then it rejoins where it was and reads every entry once, in order', async () => {
    const { topic, ready, expected } = await drawRange();
    const kafka = broker.client();
    const admin = kafka.admin();
    await admin.connect();
    let dropped = false;
    const ids = await readAsTheExportDoes(kafka, topic, ready, async (n) => {
      if (dropped || n !== 2_000) return;
      dropped = true;
      // A caller slower than the session timeout (30 s): the reader's group expires its only member.
      const { groups } = await admin.listGroups();
      const groupId = groups.find((group) => group.groupId.startsWith('sca-export-reader-'))!.groupId;
      await waitUntil(
        'the group to drop the reader',
        async () => (await admin.describeGroups([groupId])).groups[0]!.members.length === 0,
        { timeoutMs: 60_000, everyMs: 500 },
      );
    });
    await admin.disconnect();

    expect(ids).toEqual(expected);
  }, 240_000);
});
