import type { Message, Transaction } from 'kafkajs';
import { createTopics, kafka, uniqueName } from '../../../test/support/kafka';
import { readTopic } from '../src/runtime/read-topic';

// A transaction's commit markers land on its partitions one by one: a reader that stopped at the last
// stable offset it saw at the start could miss records of a transaction another partition already showed
// committed. readTopic reads up to the high watermark instead, so it waits for a transaction open when it
// starts and then has all of it.

/** Runs `body` with `messages` sent to a new topic of `partitions` in a transaction left open for it. */
async function withOpenTransaction(
  partitions: number,
  messages: Message[],
  body: (topic: string, transaction: Transaction) => Promise<void>,
): Promise<void> {
  const topic = uniqueName('read-topic');
  await createTopics([topic], partitions);
  const producer = kafka.producer({
    transactionalId: uniqueName('read-topic-tx'),
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await producer.connect();
  try {
    await producer.send({ topic, messages: [{ partition: 0, value: 'before' }] });
    const transaction = await producer.transaction();
    await transaction.send({ topic, messages });
    await body(topic, transaction);
  } finally {
    await producer.disconnect();
  }
}

async function startReader(topic: string) {
  const read: string[] = [];
  const reader = await readTopic(kafka, topic, (message) => void read.push(message.value!.toString()));
  return { read, reader };
}

describe('readTopic', () => {
  it('when a transaction over two partitions is open at the start, then caughtUp waits for it and has both records', async () => {
    const messages = [
      { partition: 0, value: 'a' },
      { partition: 1, value: 'b' },
    ];
    await withOpenTransaction(2, messages, async (topic, transaction) => {
      const { read, reader } = await startReader(topic);
      try {
        let caughtUp = false;
        const settled = reader.caughtUp.then(() => {
          caughtUp = true;
        });
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        expect(caughtUp).toBe(false);
        await transaction.commit();
        await settled;
        expect(read.sort()).toEqual(['a', 'b', 'before']);
      } finally {
        await reader.stop();
      }
    });
  });

  it('when a transaction open at the start is aborted, then caughtUp settles without its records', async () => {
    await withOpenTransaction(1, [{ value: 'aborted' }], async (topic, transaction) => {
      const { read, reader } = await startReader(topic);
      await transaction.abort();
      await reader.caughtUp.finally(() => reader.stop());
      expect(read).toEqual(['before']);
    });
  });
});
