import { eventSchemas } from '@prizedraw/events';
import { type PrivateRegistry, startPrivateRegistry } from '../../../test/support/private-registry';
import { startDataCodec } from '../src/start-data-codec';

// Services started together against a registry that has none of prizedraw's subjects yet (a new deployment,
// or the local stack's in-memory registry after a restart) all register the same subjects at once. A CI run
// failed there: one process read a subject another had just created, before its compatibility was set, and
// stopped with "Compatibility does not match the configuration (FORWARD != NONE)". Each process here starts
// its codec as a service does (startDataCodec): a request that times out on the registry's cold JVM is
// retried, a refusal is not.

const PROCESSES = 6;

async function compatibilityOf(url: string, subject: string): Promise<unknown> {
  const response = await fetch(`${url}/config/${subject}`);
  if (!response.ok)
    throw new Error(`GET config of ${subject}: HTTP ${response.status} ${await response.text()}`);
  return ((await response.json()) as { compatibilityLevel: string }).compatibilityLevel;
}

describe('starting services together on a fresh schema registry', () => {
  let registry: PrivateRegistry | undefined;
  afterAll(() => registry?.close(), 60_000);

  it('when several processes register every schema at once, then each one starts and every subject is FORWARD', async () => {
    registry = await startPrivateRegistry();
    const config = { SCHEMA_REGISTRY_URL: registry.url };
    const logger = { warn: () => {}, error: () => {} };

    const codecs = await Promise.allSettled(
      Array.from({ length: PROCESSES }, () => startDataCodec(config, logger)),
    );

    expect(codecs.filter((codec) => codec.status === 'rejected')).toEqual([]);
    for (const subject of Object.keys(eventSchemas)) {
      expect([subject, await compatibilityOf(registry.url, subject)]).toEqual([subject, 'FORWARD']);
    }
  });
});
