import { createTopics, kafka, readAll, uniqueName } from '../../../test/support/kafka';

// The KafkaJS patch keeps a transactional producer's coordinators between requests: unpatched, it asked the
// broker where the coordinator was before each of a transaction's coordinator requests (four per
// consume-transform-produce transaction), which doubled the round trips every batch waits for.
describe('a transactional producer', () => {
  it('looks its coordinators up once, not before every transaction request', async () => {
    const topic = uniqueName('round-trips');
    const groupId = uniqueName('round-trips-group');
    await createTopics([topic], 1);
    const producer = kafka.producer({
      transactionalId: uniqueName('round-trips-tx'),
      idempotent: true,
      maxInFlightRequests: 1,
    });
    const requests: string[] = [];
    producer.on(producer.events.REQUEST, ({ payload }) => requests.push(payload.apiName));
    await producer.connect();
    try {
      for (let i = 0; i < 5; i++) {
        const transaction = await producer.transaction();
        await transaction.send({ topic, messages: [{ value: `v${i}` }] });
        await transaction.sendOffsets({
          consumerGroupId: groupId,
          topics: [{ topic, partitions: [{ partition: 0, offset: String(i + 1) }] }],
        });
        await transaction.commit();
      }
    } finally {
      await producer.disconnect();
    }
    // After the first transaction found both coordinators (FindCoordinator, which KafkaJS names
    // GroupCoordinator; a fresh group may take more than one try), the next four need no lookup at all.
    const afterFirst = requests.slice(requests.indexOf('EndTxn') + 1);
    const count = (apiName: string) => afterFirst.filter((name) => name === apiName).length;
    expect(count('EndTxn')).toBe(4);
    expect(count('TxnOffsetCommit')).toBe(4);
    expect(count('GroupCoordinator')).toBe(0);
    expect((await readAll(topic)).map((m) => m.value?.toString())).toEqual(['v0', 'v1', 'v2', 'v3', 'v4']);
  });
});
