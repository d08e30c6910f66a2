import { DEAD_LETTER_HEADERS, DecodeError, ValidationError } from '@prizedraw/events';
import type { HeaderValue, OutgoingMessage } from './serdes';
import type { ConsumedMessage } from './stream-task';

/**
 * Headers a dead-lettered message carries besides its own, so nobody has to guess why it is there: the
 * public contract's names (libs/events), under the runtime's name for them.
 */
export const DeadLetterHeaders = DEAD_LETTER_HEADERS;

/** True when the input is at fault (it cannot be decoded or fails its schema): dead-letter it, carry on. */
export function isInputError(error: unknown): error is DecodeError | ValidationError {
  return error instanceof DecodeError || error instanceof ValidationError;
}

/** The topic a source topic's rejected messages go to. */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlq`;
}

/**
 * The message to write to `<topic>.dlq`: the original key, value and headers plus the reason and origin.
 * The headers are written back as consumed, so every one keeps its bytes (UTF-8 or not), a header without a
 * value stays one (null), and every value of a repeated header is kept, in order; a `dlq-*` header of the
 * original is replaced by this rejection's.
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
      // KafkaJS's type allows an undefined value, which its decoder never gives.
      ...(message.consumedHeaders as Readonly<{ [name: string]: HeaderValue }> | undefined),
      [DeadLetterHeaders.reason]: error.message,
      [DeadLetterHeaders.error]: error.name,
      [DeadLetterHeaders.originTopic]: message.topic,
      [DeadLetterHeaders.originPartition]: String(message.partition),
      [DeadLetterHeaders.originOffset]: message.offset,
      [DeadLetterHeaders.failedAt]: new Date(now).toISOString(),
    },
  };
}
