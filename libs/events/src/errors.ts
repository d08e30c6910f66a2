/**
 * Where a failing record came from, so a dead letter or a log line can point back at it.
 * `offset` is a string because Kafka offsets are 64-bit and KafkaJS hands them over as strings.
 */
export interface RecordOrigin {
  topic?: string;
  partition?: number;
  offset?: string;
}

/** Options of every {@link PrizedrawError}: all optional, `retriable` defaults to `false`. */
export interface PrizedrawErrorOptions extends RecordOrigin {
  /** `true` when trying the same thing again may succeed (a broker or registry was unreachable). */
  retriable?: boolean;
  /** CloudEvent `id` of the record concerned, when it was read that far. */
  eventId?: string;
  /** The underlying error. */
  cause?: unknown;
}

/**
 * Base of every error the prizedraw libraries throw on purpose.
 *
 * Callers branch on `retriable` (retry, or stop and dead-letter) and log the structured fields rather than
 * parsing the message. Subclass it for new failure kinds; keep it free of anything specific to one library.
 */
export class PrizedrawError extends Error {
  readonly retriable: boolean;
  readonly topic?: string;
  readonly partition?: number;
  readonly offset?: string;
  readonly eventId?: string;

  constructor(message: string, options: PrizedrawErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    // new.target, so that subclasses report their own name in logs and stack traces.
    this.name = new.target.name;
    this.retriable = options.retriable ?? false;
    if (options.topic !== undefined) this.topic = options.topic;
    if (options.partition !== undefined) this.partition = options.partition;
    if (options.offset !== undefined) this.offset = options.offset;
    if (options.eventId !== undefined) this.eventId = options.eventId;
  }
}

/** Options of a {@link DecodeError} or {@link ValidationError}: never retriable, so `retriable` is not offered. */
export type InvalidRecordErrorOptions = Omit<PrizedrawErrorOptions, 'retriable'>;

/**
 * The record's bytes are not a CloudEvent this library can read (no value, garbage, missing attributes, data
 * that is not JSON). Never retriable: the record goes to the dead-letter topic with {@link DecodeError.reason}.
 */
export class DecodeError extends PrizedrawError {
  /** Why the record could not be decoded, short enough for a dead-letter header. */
  readonly reason: string;

  constructor(reason: string, options: InvalidRecordErrorOptions = {}) {
    super(`Cannot decode record as a CloudEvent: ${reason}`, { ...options, retriable: false });
    this.reason = reason;
  }
}

/** One failed check of a {@link ValidationError}: the field path (`data.prizes[0].quantity`) and what is wrong. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/**
 * The event was decoded but its `type` is unknown or its data fails the type's schema. Never retriable: the
 * record goes to the dead-letter topic. The message lists every issue as `path: message`.
 */
export class ValidationError extends PrizedrawError {
  readonly issues: readonly ValidationIssue[];
  /** The CloudEvent type whose schema failed, when known. */
  readonly eventType?: string;

  constructor(
    issues: readonly ValidationIssue[],
    options: InvalidRecordErrorOptions & { eventType?: string } = {},
  ) {
    const { eventType, ...rest } = options;
    super(issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '), { ...rest, retriable: false });
    this.issues = issues;
    if (eventType !== undefined) this.eventType = eventType;
  }
}
