import {
  KafkaJSConnectionError,
  KafkaJSError,
  KafkaJSGroupCoordinatorNotFound,
  KafkaJSNonRetriableError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
} from 'kafkajs';
import { isFencedKafkaError, isRetriableKafkaError } from './retriable-kafka-error';

// KafkaJS's typings leave out the options its error constructors take (cause, retry count).
type ErrorClass = new (error: Error | string, options?: object) => Error;
const build = (errorClass: unknown, error: Error | string, options?: object) =>
  new (errorClass as ErrorClass)(error, options);

const protocolError = (type: string, retriable: boolean) =>
  new KafkaJSProtocolError(Object.assign(new Error(type), { type, retriable }) as never);

describe('isRetriableKafkaError', () => {
  it('when a retry loop gave up on a closed connection, then it is retriable (a broker restart)', () => {
    const closed = new KafkaJSConnectionError('Closed connection');
    const gaveUp = build(KafkaJSNumberOfRetriesExceeded, closed, { retryCount: 8, retryTime: 1000 });
    expect(isRetriableKafkaError(gaveUp)).toBe(true);
    expect(isRetriableKafkaError(build(KafkaJSNonRetriableError, gaveUp, { cause: closed }))).toBe(true);
  });

  it('when the group coordinator is not found, loading or moved, then it is retriable', () => {
    expect(
      isRetriableKafkaError(build(KafkaJSGroupCoordinatorNotFound, 'Failed to find group coordinator')),
    ).toBe(true);
    expect(isRetriableKafkaError(protocolError('COORDINATOR_LOAD_IN_PROGRESS', true))).toBe(true);
    expect(isRetriableKafkaError(protocolError('NOT_COORDINATOR', true))).toBe(true);
  });

  it('when a newer owner fenced the producer or the broker lost its state, then it is retriable (the task is rebuilt)', () => {
    for (const type of [
      'PRODUCER_FENCED',
      'INVALID_PRODUCER_EPOCH',
      'UNKNOWN_PRODUCER_ID',
      'UNKNOWN_MEMBER_ID',
    ])
      expect(isRetriableKafkaError(protocolError(type, false))).toBe(true);
  });

  it('when Kafka refuses for good or the error is not from Kafka, then it is not retriable', () => {
    expect(isRetriableKafkaError(protocolError('TOPIC_AUTHORIZATION_FAILED', false))).toBe(false);
    expect(isRetriableKafkaError(protocolError('MESSAGE_TOO_LARGE', false))).toBe(false);
    const bug = new TypeError("Cannot read properties of undefined (reading 'drawId')");
    expect(isRetriableKafkaError(bug)).toBe(false);
    expect(isRetriableKafkaError(build(KafkaJSNonRetriableError, bug, { cause: bug }))).toBe(false);
    expect(isRetriableKafkaError(new KafkaJSError('plain', { retriable: false }))).toBe(false);
  });

  it('when a newer owner fenced the producer, then the instance rejoins instead of retrying; a lost connection is only retried', () => {
    expect(isFencedKafkaError(protocolError('PRODUCER_FENCED', false))).toBe(true);
    expect(isFencedKafkaError(protocolError('INVALID_PRODUCER_EPOCH', false))).toBe(true);
    const closed = new KafkaJSConnectionError('Closed connection');
    expect(isFencedKafkaError(build(KafkaJSNumberOfRetriesExceeded, closed, { retryCount: 8 }))).toBe(false);
  });
});
