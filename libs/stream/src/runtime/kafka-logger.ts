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

/** Routes KafkaJS's own log lines into pino, under a `kafkajs` child, so all output is structured. */
export function kafkaLogCreator(logger: Logger): logCreator {
  const child = logger.child({ component: 'kafkajs' });
  return () =>
    ({ level, log: { message, ...fields } }) => {
      if (message === NOT_APPLICABLE) return;
      child[levels[level] ?? 'info']({ ...fields, namespace: undefined }, message);
    };
}
