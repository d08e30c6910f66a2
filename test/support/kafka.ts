import { randomUUID } from 'node:crypto';
import { ensureTopics, readTopic } from '@prizedraw/stream';
import { type Admin, Kafka, type KafkaMessage, logLevel, type Message, Partitioners } from 'kafkajs';
import { waitUntil } from './wait-until';

// Shared helpers for tests against the real broker: fresh names per test, topic creation, producing, and
// waiting on a condition over what a read-committed consumer sees (never on sleeps).

export function brokers(): string[] {
  return (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
}

export const kafka = new Kafka({ clientId: 'prizedraw-tests', brokers: brokers(), logLevel: logLevel.ERROR });

/** A name no other test (or earlier run) uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export async function withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/** The topics whose names contain `name` (a brand, an application id). */
export async function topicsContaining(name: string): Promise<string[]> {
  return (await withAdmin((admin) => admin.listTopics())).filter((topic) => topic.includes(name));
}

/**
 * Waits until no topic's name contains `name`, and fails naming those left. Deleting is asynchronous: the
 * broker still lists a deleted topic until its metadata has applied the deletion, which took longer than the
 * test's next step under CI's load (2026-12-07: all 24 of the instant-win demo's topics were listed right after
 * it had deleted them and exited 0).
 */
export async function waitForTopicsGone(name: string, timeoutMs = 30_000): Promise<void> {
  let left: string[] = [];
  await waitUntil(
    `the topics containing ${name} to be deleted`,
    async () => {
      left = await topicsContaining(name);
      return left.length === 0;
    },
    { timeoutMs, everyMs: 250 },
  ).catch((error: Error) => {
    throw new Error(`${error.message}; left: ${left.join(', ')}`);
  });
}

export async function createTopics(topics: readonly string[], numPartitions = 8): Promise<void> {
  await withAdmin((admin) =>
    ensureTopics(
      admin,
      topics.map((topic) => ({ topic })),
      { partitions: numPartitions, replicationFactor: 1 },
    ),
  );
}

/** The offsets `groupId` has committed on `topic`, all partitions together (none committed counts 0). */
export async function committedTotal(groupId: string, topic: string, client = kafka): Promise<number> {
  const admin = client.admin();
  await admin.connect();
  try {
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return (offsets?.partitions ?? []).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  } finally {
    await admin.disconnect();
  }
}

/** Produces in chunks with acks from all replicas, as an upstream system would. */
export async function produce(topic: string, messages: readonly Message[], client = kafka): Promise<void> {
  const producer = client.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true });
  await producer.connect();
  try {
    for (let i = 0; i < messages.length; i += 5000) {
      await producer.send({ topic, messages: messages.slice(i, i + 5000), acks: -1 });
    }
  } finally {
    await producer.disconnect();
  }
}

/**
 * Reads `topic` from the beginning with a read-committed consumer until `done(messagesSoFar)` holds, then
 * returns what it read; fails after `timeoutMs` with how far it got.
 */
export async function readUntil(
  topic: string,
  done: (messages: readonly KafkaMessage[]) => boolean,
  timeoutMs = 60_000,
  client = kafka,
): Promise<KafkaMessage[]> {
  const consumer = client.consumer({
    groupId: uniqueName('reader'),
    readUncommitted: false,
    maxWaitTimeInMs: 200,
  });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `readUntil(${topic}): condition not met after ${timeoutMs} ms, ${messages.length} read`,
            ),
          ),
        timeoutMs,
      );
      const check = () => {
        if (done(messages)) {
          clearTimeout(timer);
          resolve();
        }
      };
      check();
      consumer
        .run({
          eachBatch: async ({ batch }) => {
            messages.push(...batch.messages);
            check();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return messages;
}

/** Everything committed to `topic` so far: reads until every partition's end offset is reached. */
export async function readAll(topic: string, client = kafka): Promise<KafkaMessage[]> {
  const messages: KafkaMessage[] = [];
  const reader = await readTopic(client, topic, (message) => void messages.push(message));
  await reader.caughtUp.finally(() => reader.stop());
  return messages;
}
