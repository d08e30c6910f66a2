import { type logCreator, logLevel } from 'kafkajs';
import type { Logger } from 'pino';

const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

// KafkaJS warns that capped retries may break an idempotent producer's exactly-once; ours are transactional,
// and a send that runs out of retries aborts the whole transaction, or (libs/service's event producer) the
// producer is replaced after a failed send, so the warning does not apply here.
const NOT_APPLICABLE = 'Limiting retries for the idempotent producer may invalidate EoS guarantees';

// KafkaJS logs every error answer of the broker at ERROR as `Response <Api>(…)`, and every send it is about to
// retry as `Failed to send messages: …`, including the retriable ones (a coordinator still loading,
// CONCURRENT_TRANSACTIONS right after a commit). What really fails reaches the runtime as a thrown error and
// is logged there, so these lines are kept for debugging.
const RETRIED = /^(Response \w+\(key: \d+, version: \d+\)|Failed to send messages: )/;

// While a broker restarts, KafkaJS logs every refused connection and every consumer restart at ERROR, a few
// lines a second per client. They are passing (the runtime retries, see docs/stream-runtime.md "Surviving
// faults"): warnings, so an on-call engineer's error alerts fire on what really failed.
const RECONNECTING =
  /^(Connection error: |Failed to connect to seed broker|Crash: |Restarting the consumer in )/;

/** Routes KafkaJS's own log lines into pino, under a `kafkajs` child, so all output is structured. */
export function kafkaLogCreator(logger: Logger): logCreator {
  const child = logger.child({ component: 'kafkajs' });
  return () =>
    ({ level, log: { message, ...fields } }) => {
      if (message === NOT_APPLICABLE) return;
      const pinoLevel = RETRIED.test(message)
        ? 'debug'
        : RECONNECTING.test(message) && level === logLevel.ERROR
          ? 'warn'
          : (levels[level] ?? 'info');
      child[pinoLevel]({ ...fields, namespace: undefined }, message);
    };
}
