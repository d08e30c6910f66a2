import { connect } from 'node:net';

// Integration tests talk to the real servers of the local stack (deploy/local/stack up), whose addresses
// `stack env` exports. Fail early, naming what is missing, instead of letting every test time out.
const required = ['KAFKA_BROKERS', 'MYSQL_URL', 'FTP_HOST', 'S3_ENDPOINT'] as const;

export default async function globalSetup(): Promise<void> {
  const missing = required.filter((name) => !process.env[name]);
  if (missing.length > 0) {
    throw new Error(
      `integration tests need the real servers: ${missing.join(', ')} not set. ` +
        'Run `npm test` (it starts them), or `deploy/local/stack up && eval "$(deploy/local/stack env)"` first.',
    );
  }
  const [host, port] = process.env.KAFKA_BROKERS!.split(',')[0]!.split(':');
  await new Promise<void>((resolve, reject) => {
    const socket = connect({ host, port: Number(port) }, () => {
      socket.end();
      resolve();
    });
    socket.once('error', (error) =>
      reject(
        new Error(`Kafka is not answering at ${host}:${port} (${error.message}); run deploy/local/stack up`),
      ),
    );
  });
}
