/**
 * Headers a dead-lettered record carries on `<topic>.dlq` besides its own (the original key, value and
 * headers are kept unchanged). Part of the public contract: people read dead-letter topics.
 */
export const DEAD_LETTER_HEADERS = {
  /** Why the record was rejected, e.g. `data.stakeMinor: Expected number, received string`. */
  reason: 'dlq-reason',
  /** Name of the error class, e.g. `DecodeError` or `ValidationError`. */
  error: 'dlq-error',
  /** Topic the record was read from. */
  originTopic: 'dlq-origin-topic',
  /** Partition the record was read from. */
  originPartition: 'dlq-origin-partition',
  /** Offset of the record in that partition. */
  originOffset: 'dlq-origin-offset',
  /** When it was dead-lettered, ISO-8601. */
  failedAt: 'dlq-failed-at',
} as const;
