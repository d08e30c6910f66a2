import { type logCreator, logLevel } from 'kafkajs';
import type { Logger } from 'pino';

const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

// KafkaJS warns that capped retries may break an idempotent producer's exactly-once; ours are transactional,
// and a send that runs out of retries aborts the whole transaction, so the warning does not apply here.
const NOT_APPLICABLE = 'Limiting retries for the idempotent producer may invalidate EoS guarantees';

// KafkaJS logs every error answer of the broker at ERROR as `Response <Api>(…)`, including the retriable ones it
// goes on to retry (a coordinator still loading, CONCURRENT_TRANSACTIONS right after a commit). What really
// fails reaches the runtime as a thrown error and is logged there, so these lines are kept for debugging.
const BROKER_ANSWER = /^Response \w+\(key: \d+, version: \d+\)$/;

/** Routes KafkaJS's own log lines into pino, under a `kafkajs` child, so all output is structured. */
export function kafkaLogCreator(logger: Logger): logCreator {
  const child = logger.child({ component: 'kafkajs' });
  return () =>
    ({ level, log: { message, ...fields } }) => {
      if (message === NOT_APPLICABLE) return;
      const pinoLevel = BROKER_ANSWER.test(message) ? 'debug' : (levels[level] ?? 'info');
      child[pinoLevel]({ ...fields, namespace: undefined }, message);
    };
}
