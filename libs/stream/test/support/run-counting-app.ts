// Runs the counting topology (or, with COUNT_TOPOLOGY=pass-through, the stateless one) as its own process,
// so tests can kill it with SIGKILL and the benchmark can measure it apart from its load generator.
// Arguments come as environment variables: COUNT_INPUT, COUNT_OUTPUT, COUNT_APP_ID, COUNT_STATE_DIR.
import pino from 'pino';
import { KafkaStreams } from '../../src';
import { countingTopology } from './counting-topology';
import { passThroughTopology } from './pass-through-topology';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn' }, pino.destination(2));
const topics = { input: env('COUNT_INPUT'), output: env('COUNT_OUTPUT') };
const topology =
  process.env.COUNT_TOPOLOGY === 'pass-through' ? passThroughTopology(topics) : countingTopology(topics);
const streams = new KafkaStreams(topology, {
  applicationId: env('COUNT_APP_ID'),
  brokers: env('KAFKA_BROKERS').split(','),
  stateDir: env('COUNT_STATE_DIR'),
  sessionTimeoutMs: 6000,
  logger,
});
streams.on('error', (error) => {
  logger.fatal({ err: error }, 'counting app failed');
  process.exit(1);
});
process.once('SIGTERM', () => void streams.close().then(() => process.exit(0)));
void streams.start().then(() => process.stdout.write('started\n'));
