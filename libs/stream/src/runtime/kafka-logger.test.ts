import { logLevel } from 'kafkajs';
import pino from 'pino';
import { kafkaLogCreator } from './kafka-logger';

function logged(level: logLevel, message: string): { level: number; msg: string }[] {
  const lines: { level: number; msg: string }[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  kafkaLogCreator(logger)(logLevel.DEBUG)({
    namespace: 'Connection',
    level,
    label: 'ERROR',
    log: { message, timestamp: '' },
  });
  return lines;
}

describe('kafkaLogCreator', () => {
  it('when KafkaJS logs a refused connection or a consumer restart at ERROR, then it is a warning (the runtime retries)', () => {
    for (const message of [
      'Connection error: connect ECONNREFUSED 127.0.0.1:9092',
      'Failed to connect to seed broker, trying another broker from the list: Closed connection',
      'Crash: KafkaJSNumberOfRetriesExceeded: Closed connection',
      'Restarting the consumer in 200ms',
    ]) {
      expect(logged(logLevel.ERROR, message)).toEqual([expect.objectContaining({ level: 40, msg: message })]);
    }
  });

  it('when KafkaJS logs another error, then it stays an error', () => {
    const message = 'Caught error when disconnecting the consumer: boom';
    expect(logged(logLevel.ERROR, message)).toEqual([expect.objectContaining({ level: 50, msg: message })]);
  });
});
