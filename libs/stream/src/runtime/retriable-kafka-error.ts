// Broker answers that mean "not now" or "not me" rather than "never", although KafkaJS marks them
// non-retriable: the runtime recovers from each by rebuilding the task from what Kafka committed.
const RECOVERABLE_TYPES = new Set([
  // The group moved on without this member (a batch outlasted the session, a rebalance, a coordinator
  // that moved or is loading after a broker restart): the consumer rejoins.
  'UNKNOWN_MEMBER_ID',
  'ILLEGAL_GENERATION',
  'REBALANCE_IN_PROGRESS',
  'NOT_COORDINATOR',
  'COORDINATOR_NOT_AVAILABLE',
  'COORDINATOR_LOAD_IN_PROGRESS',
  // A newer owner of the partition fenced this producer, or a broker that crashed lost the producer's
  // state: a new producer for the rebuilt task starts a new epoch.
  'INVALID_PRODUCER_EPOCH',
  'PRODUCER_FENCED',
  'TRANSACTION_COORDINATOR_FENCED',
  'INVALID_PRODUCER_ID_MAPPING',
  'UNKNOWN_PRODUCER_ID',
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
  'INVALID_TXN_STATE',
  'CONCURRENT_TRANSACTIONS',
]);

// KafkaJS's own errors for a broker that is away or still starting, some of them in non-retriable
// classes (they are what a retry loop throws when it gives up).
const RECOVERABLE_NAMES = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSNoBrokerAvailableError',
  'KafkaJSBrokerNotFound',
  'KafkaJSGroupCoordinatorNotFound',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSTopicMetadataNotLoaded',
  'KafkaJSStaleTopicMetadataAssignment',
  'KafkaJSLockTimeout',
]);

/**
 * Whether `error` is a passing condition of the Kafka cluster — a lost or refused connection, a request
 * timeout, a coordinator that moved or is loading, a rebalance, fencing by a newer owner — after which
 * retrying with back-off (and rebuilding the task from committed state) succeeds once the cluster is back.
 * Judged by the innermost cause: KafkaJS wraps the last error of a retry loop that gave up in
 * `KafkaJSNumberOfRetriesExceeded` (non-retriable by class). Anything that is not a KafkaJS error — a bug
 * in a processor or in the runtime — and Kafka's lasting refusals (authorization, a record too large, an
 * unsupported version) are not retriable: the application stops loudly.
 */
export function isRetriableKafkaError(error: unknown): boolean {
  const root = rootCause(error);
  if (!(root instanceof Error) || !root.name.startsWith('KafkaJS')) return false;
  const { retriable, type } = root as Error & { retriable?: boolean; type?: string };
  return retriable === true || RECOVERABLE_NAMES.has(root.name) || RECOVERABLE_TYPES.has(type ?? '');
}

// A newer owner of the partition took over, or the group moved on without this member.
const FENCED_TYPES = new Set([
  'PRODUCER_FENCED',
  'INVALID_PRODUCER_EPOCH',
  'UNKNOWN_MEMBER_ID',
  'ILLEGAL_GENERATION',
]);

/**
 * Whether `error` says this instance may no longer own what it processed: its producer was fenced by a
 * newer one of the same transactional id (a rebalance gave the partition to another instance), or the group
 * dropped this member. It should rejoin the group before anything else, not retry the batch.
 */
export function isFencedKafkaError(error: unknown): boolean {
  const root = rootCause(error) as { type?: string } | undefined;
  return FENCED_TYPES.has(root?.type ?? '');
}

function rootCause(error: unknown): unknown {
  let cause = error;
  for (let depth = 0; depth < 16 && cause instanceof Error && cause.cause !== undefined; depth++) {
    cause = cause.cause;
  }
  return cause;
}

/**
 * `ask()`'s answer, asked again while it fails with an error KafkaJS flags retriable (back-off 50 ms per
 * attempt, at most 1 s), until `waitMs` have passed: for admin reads that KafkaJS itself does not retry, such
 * as a partition whose leader is not ready yet on a topic created a moment before.
 */
export async function askWhileRetriable<T>(waitMs: number, ask: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await ask();
    } catch (error) {
      if ((error as { retriable?: boolean }).retriable !== true || Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * attempt)));
  }
}
