// A read-committed KafkaJS consumer drops the records of aborted transactions itself, from the list of
// aborted transactions (producer id, first offset) each fetch response carries. The broker lists them in the
// order they were aborted, not by first offset, and several can start before the first record of a fetch:
// after a broker restart every open transaction is aborted at once. Records of an aborted transaction must
// never reach the application (ticket-rules counted a batch twice when they did).
import filterAbortedMessages, { type FetchedMessage } from 'kafkajs/src/consumer/filterAbortedMessages';

const ABORT = Buffer.from([0, 0, 0, 0]);
const COMMIT = Buffer.from([0, 0, 0, 1]);

const record = (offset: number, producerId: string): FetchedMessage => ({
  offset: String(offset),
  key: Buffer.from(`key-${offset}`),
  batchContext: { producerId, inTransaction: true },
});
const marker = (offset: number, producerId: string, key: Buffer): FetchedMessage => ({
  offset: String(offset),
  key,
  isControlRecord: true,
  batchContext: { producerId, inTransaction: true },
});
const offsetsOf = (messages: FetchedMessage[]) =>
  messages.filter((m) => !m.isControlRecord).map((m) => Number(m.offset));

describe('the patched KafkaJS filter of aborted transactions', () => {
  it('when two aborted transactions began before the first record fetched, then none of their records is delivered', () => {
    const messages = [record(105, '2'), record(106, '1'), record(107, '3'), marker(108, '1', ABORT)];
    messages.push(marker(109, '2', ABORT), record(110, '3'), marker(111, '3', COMMIT));
    const kept = filterAbortedMessages({
      messages,
      abortedTransactions: [
        { producerId: '1', firstOffset: '100' },
        { producerId: '2', firstOffset: '101' },
      ],
    });
    expect(offsetsOf(kept)).toEqual([107, 110]);
  });

  it('when the broker lists aborted transactions in the order they ended, then records of each are dropped from its first offset', () => {
    // Producer 1's transaction began first and was aborted last.
    const messages = [record(10, '1'), record(11, '2'), record(12, '3'), marker(13, '2', ABORT)];
    messages.push(record(14, '1'), marker(15, '1', ABORT), marker(16, '3', COMMIT), record(17, '1'));
    const kept = filterAbortedMessages({
      messages,
      abortedTransactions: [
        { producerId: '2', firstOffset: '11' },
        { producerId: '1', firstOffset: '10' },
      ],
    });
    expect(offsetsOf(kept)).toEqual([12, 17]);
  });

  it('when a producer aborts, commits and aborts again, then only the committed transaction is delivered', () => {
    const messages = [record(0, '7'), marker(1, '7', ABORT), record(2, '7'), marker(3, '7', COMMIT)];
    messages.push(record(4, '7'), marker(5, '7', ABORT));
    const kept = filterAbortedMessages({
      messages,
      abortedTransactions: [
        { producerId: '7', firstOffset: '4' },
        { producerId: '7', firstOffset: '0' },
      ],
    });
    expect(offsetsOf(kept)).toEqual([2]);
  });
});
