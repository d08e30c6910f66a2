import { DecodeError, ValidationError } from '@prizedraw/events';
import type { OutgoingMessage } from './serdes';
import type { ConsumedMessage } from './stream-task';

/** Headers a dead-lettered message carries besides its own, so nobody has to guess why it is there. */
export const DeadLetterHeaders = {
  reason: 'dlq-reason',
  error: 'dlq-error',
  originTopic: 'dlq-origin-topic',
  originPartition: 'dlq-origin-partition',
  originOffset: 'dlq-origin-offset',
  failedAt: 'dlq-failed-at',
} as const;

/** True when the input is at fault (it cannot be decoded or fails its schema): dead-letter it, carry on. */
export function isInputError(error: unknown): error is DecodeError | ValidationError {
  return error instanceof DecodeError || error instanceof ValidationError;
}

/** The topic a source topic's rejected messages go to. */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlq`;
}

/**
 * The message to write to `<topic>.dlq`: the original key, value and headers (those that are not UTF-8 as
 * their bytes) plus the reason and origin.
 */
export function toDeadLetter(
  message: ConsumedMessage,
  error: DecodeError | ValidationError,
  now: number,
): OutgoingMessage {
  return {
    topic: deadLetterTopicOf(message.topic),
    partition: message.partition,
    key: message.key,
    value: message.value,
    timestamp: message.timestamp,
    headers: {
      ...message.headers,
      ...message.binaryHeaders,
      [DeadLetterHeaders.reason]: error.message,
      [DeadLetterHeaders.error]: error.name,
      [DeadLetterHeaders.originTopic]: message.topic,
      [DeadLetterHeaders.originPartition]: String(message.partition),
      [DeadLetterHeaders.originOffset]: message.offset,
      [DeadLetterHeaders.failedAt]: new Date(now).toISOString(),
    },
  };
}
