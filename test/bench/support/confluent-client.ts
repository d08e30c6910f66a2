import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

// @confluentinc/kafka-javascript (librdkafka behind a KafkaJS-compatible API) is measured against the
// patched KafkaJS by `pnpm bench:clients` only, so it is no dependency of the project: the benchmark builds
// it once into .bench-cache/ (gitignored). Its prebuilt binaries come from GitHub, which this machine
// cannot reach, so it is built from source.
export const CONFLUENT_CLIENT_VERSION = '1.10.1';

const CACHE_DIR = join(
  __dirname,
  '../../../.bench-cache',
  `confluent-kafka-javascript-${CONFLUENT_CLIENT_VERSION}`,
);

/** The path to require the client from; builds it first when the cache does not hold it yet. */
export function confluentClientPath(): string {
  const modulePath = join(CACHE_DIR, 'node_modules/@confluentinc/kafka-javascript');
  if (existsSync(join(modulePath, 'build/Release/confluent-kafka-javascript.node'))) return modulePath;
  process.stderr.write(
    `building @confluentinc/kafka-javascript ${CONFLUENT_CLIENT_VERSION} and its librdkafka from source into ${CACHE_DIR} (about 2 minutes, once)\n`,
  );
  execFileSync(
    'npm',
    [
      'install',
      '--prefix',
      CACHE_DIR,
      '--no-save',
      '--no-package-lock',
      '--build-from-source',
      '--no-audit',
      '--no-fund',
      `@confluentinc/kafka-javascript@${CONFLUENT_CLIENT_VERSION}`,
    ],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        // The static build downloads zlib, OpenSSL, zstd and curl sources; dynamic links the system's.
        CKJS_LINKING: 'dynamic',
        // node-gyp would download Node's headers; the installed Node ships them beside its binary.
        ...nodeHeadersDir(),
      },
    },
  );
  return modulePath;
}

function nodeHeadersDir(): { npm_config_nodedir?: string } {
  const prefix = dirname(dirname(process.execPath));
  return existsSync(join(prefix, 'include/node/node.h')) ? { npm_config_nodedir: prefix } : {};
}
