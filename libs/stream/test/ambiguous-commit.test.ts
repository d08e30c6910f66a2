import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kafka, KafkaJSError, type KafkaMessage, type Producer, type Transaction } from 'kafkajs';
import pino from 'pino';
import { Registry } from 'prom-client';
import { createTopics, kafka, uniqueName } from '../../../test/support/kafka';
import { StreamMetrics } from '../src';
import { changelogTopicOf, PartitionTask, type PartitionTaskDeps } from '../src/runtime/partition-task';
import { buildStakeMessage, countingTopology } from './support/counting-topology';

// A commit whose answer is lost (the broker crashed after writing it, the connection dropped) fails in the
// client although the transaction committed. The task's stores then drop writes the changelog holds, so
// nothing may run on them any more: work already queued behind the failure (a batch of the task's other
// source, a punctuation) would checkpoint the stores past changelog records they never applied.

/** The client, but the first transaction commit of `transactionalId` commits and then reports a failure. */
function losingFirstCommitAnswer(client: Kafka, transactionalId: string): Kafka {
  let lost = false;
  const loseAnswer = (transaction: Transaction): Transaction =>
    Object.assign(Object.create(transaction) as Transaction, {
      async commit() {
        await transaction.commit();
        if (lost) return;
        lost = true;
        throw new KafkaJSError('Connection closed (the commit reached the broker)', { retriable: true });
      },
    });
  return Object.assign(Object.create(client) as Kafka, {
    producer(config: Parameters<Kafka['producer']>[0]): Producer {
      const producer = client.producer(config);
      if (config?.transactionalId !== transactionalId) return producer;
      return Object.assign(Object.create(producer) as Producer, {
        transaction: async () => loseAnswer(await producer.transaction()),
      });
    },
  });
}

const consumed = (message: ReturnType<typeof buildStakeMessage>): KafkaMessage => ({
  key: message.key as Buffer,
  value: message.value as Buffer,
  headers: message.headers,
  timestamp: String(Date.now()),
  attributes: 0,
  offset: '0',
});

describe('a task whose transaction commit failed', () => {
  it('when work of its other source is queued behind the failure, then that work waits for the rebuilt task and every stake counts once', async () => {
    const applicationId = uniqueName('ambiguous-app');
    const topics = {
      input: uniqueName('ambiguous-a'),
      secondInput: uniqueName('ambiguous-b'),
      output: uniqueName('ambiguous-out'),
    };
    const topology = countingTopology(topics);
    await createTopics([...Object.values(topics), changelogTopicOf(applicationId, 'counts')], 1);
    const admin = kafka.admin();
    await admin.connect();
    const deps: PartitionTaskDeps = {
      kafka: losingFirstCommitAnswer(kafka, `${applicationId}-0`),
      admin,
      topology,
      applicationId,
      stateDir: await mkdtemp(join(tmpdir(), 'ambiguous-')),
      partitionCounts: new Map(Object.values(topics).map((topic) => [topic, 1])),
      metrics: new StreamMetrics(new Registry()),
      logger: pino({ level: 'silent' }),
      transactionTimeoutMs: 60_000,
    };
    const heartbeat = async () => {};
    const stake = (activityId: string) => consumed(buildStakeMessage({ accountId: 'ann', activityId }));
    try {
      const task = await PartitionTask.create(deps, 0, heartbeat);
      // Both batches are handed over before the first one's commit fails, as two sources' batches are.
      const first = task.processBatch(topics.input, [stake('a-1')], heartbeat);
      const queued = task.processBatch(topics.secondInput, [stake('b-1')], heartbeat);
      await expect(first).rejects.toThrow(/Connection closed/);
      const [second] = await Promise.allSettled([queued]);
      await task.close();

      // What the runtime does next: a task rebuilt from Kafka, and failed batches fetched again (offsets the
      // transactions committed are known now, so what did commit is not processed twice).
      const rebuilt = await PartitionTask.create(deps, 0, heartbeat);
      try {
        await rebuilt.processBatch(topics.input, [stake('a-1')], heartbeat);
        if (second.status === 'rejected') {
          expect(second.reason).toEqual(expect.objectContaining({ retriable: true }));
          await rebuilt.processBatch(topics.secondInput, [stake('b-1')], heartbeat);
        }
        await expect(rebuilt.store('counts')!.get('ann')).resolves.toEqual({ count: 2, totalMinor: 200 });
      } finally {
        await rebuilt.close();
      }
    } finally {
      await admin.disconnect();
    }
  });
});
