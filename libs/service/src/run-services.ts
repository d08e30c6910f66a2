import { setFlagsFromString } from 'node:v8';
import type { DataCodec, TopicNames } from '@prizedraw/events';
import { createHttpApi } from '@prizedraw/http-api';
import { KafkaStreams, type KafkaStreamsOptions, StreamMetrics, type Topology } from '@prizedraw/stream';
import type { FastifyInstance } from 'fastify';
import { Kafka } from 'kafkajs';
import pino, { type Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { z } from 'zod';
import { type BaseConfig, parseConfig } from './config';
import { startDefinitionsTable } from './definitions-table';
import type { DrawDefinitions } from './draw-definitions';
import { ensurePipelineTopics, topicsOf } from './pipeline-topics';
import { startDataCodec } from './start-data-codec';

// The version of the HTTP API as a whole, as its paths say (/v1/...).
const API_VERSION = '1.0.0';

/** What a service gets to start itself with. */
export interface ServiceContext {
  readonly config: BaseConfig;
  readonly topics: TopicNames;
  readonly logger: Logger;
  /**
   * The process's HTTP server, made by `createHttpApi` (@prizedraw/http-api): add API routes with `addApiRoute`
   * in `start` (they are validated, documented at `/openapi.json` and `/docs`, and answer problem+json); it
   * listens once every service started.
   */
  readonly http: FastifyInstance;
  readonly registry: Registry;
  /**
   * How event data is written and read: through the schema registry of `SCHEMA_REGISTRY_URL` (every event
   * type's schema registered at start-up), else plain JSON. Pass it to sources, sinks and producers.
   */
  readonly dataCodec: DataCodec;
  /** The draw definitions table, shared by the services of the process, caught up when it resolves. */
  definitions(): Promise<DrawDefinitions>;
  /**
   * Creates and starts a stream application `prizedraw-<brand>-<name>`; the runner closes it on shutdown.
   * `options` tunes the runtime for that application (a draw service checks punctuations more often).
   */
  startStreams(name: string, topology: Topology, options?: StreamsTuning): Promise<KafkaStreams>;
  /** Something else to close on shutdown (a poller, a client), after the stream applications. */
  onClose(close: () => Promise<void>): void;
}

/** The runtime settings a service may tune for one of its stream applications. */
export type StreamsTuning = Pick<
  KafkaStreamsOptions,
  'punctuationCheckMs' | 'transactionTimeoutMs' | 'fetchBytesPerPartition'
>;

/** A prizedraw service: a name and how it starts. */
export interface Service {
  readonly name: string;
  /**
   * `false` when the service runs better without V8's allocation-site pretenuring (see
   * {@link setPretenuring}); it is turned off only in a process whose services all say so.
   */
  readonly pretenuring?: false;
  start(context: ServiceContext): Promise<void>;
}

/** The running process, for tests and the CLI: close it to shut everything down cleanly. */
export interface RunningServices {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Turns V8's allocation-site pretenuring off when every service of the process asks for it. Pretenuring
 * allocates straight in the old generation from an object literal whose objects mostly survived their
 * scavenges. A draw's results wait in the transaction until their chunk is acknowledged, long enough for the
 * sites that make them (headers, messages) to be pretenured; then every result's objects, however
 * short-lived, fill the old generation, and the million-entrant draw ran a mark-compact every ~300 ms:
 * without pretenuring prize-draw used a sixth less CPU over it. A stage of the pipeline keeps the default:
 * its store's pending writes do live long, and the counting hop used ~10 % more CPU per event without it
 * (docs/benchmarks.md). Node refuses the flag in NODE_OPTIONS; set here, before the services allocate, it
 * measured the same as on the command line.
 */
function setPretenuring(services: readonly Service[]): void {
  if (services.length > 0 && services.every((service) => service.pretenuring === false))
    setFlagsFromString('--no-allocation-site-pretenuring');
}

/**
 * Starts services in this process behind one HTTP server (`/health/live`, `/health/ready`, `/metrics` and
 * the services' own routes): creates missing topics, starts each service, listens. Stops loudly on the first
 * stream application failure (logs, closes what it can, exits with status 1).
 */
export async function runServices(
  services: readonly Service[],
  config: BaseConfig,
): Promise<RunningServices> {
  setPretenuring(services);
  const logger = pino({ level: config.LOG_LEVEL });
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const metrics = new StreamMetrics(registry);
  const topics = topicsOf(config);
  const streams: KafkaStreams[] = [];
  const closers: (() => Promise<void>)[] = [];
  const http = await createHttpApi({ title: 'prizedraw', version: API_VERSION, log: logger });

  const admin = new Kafka({
    clientId: 'prizedraw-setup',
    brokers: config.KAFKA_BROKERS,
    logLevel: 1,
  }).admin();
  await admin.connect();
  await ensurePipelineTopics(admin, config).finally(() => admin.disconnect());
  const dataCodec = await startDataCodec(config, logger);

  let definitions: Promise<DrawDefinitions> | undefined;
  const context: ServiceContext = {
    config,
    topics,
    logger,
    http,
    registry,
    dataCodec,
    definitions() {
      definitions ??= startDefinitionsTable({
        topic: topics.definitions,
        brokers: config.KAFKA_BROKERS,
        logger,
      }).then((table) => {
        closers.push(table.close);
        return table.definitions;
      });
      return definitions;
    },
    async startStreams(name, topology, options) {
      const app = new KafkaStreams(topology, {
        ...options,
        applicationId: `prizedraw-${config.BRAND}-${name}`,
        brokers: config.KAFKA_BROKERS,
        stateDir: config.STATE_DIR,
        partitions: config.PARTITIONS,
        replicationFactor: config.REPLICATION_FACTOR,
        sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
        logger,
        metrics,
      });
      app.on('error', (error) => void fail(error));
      streams.push(app);
      await app.start();
      return app;
    },
    onClose: (close) => void closers.push(close),
  };

  http.get('/health/live', async () => ({ status: 'live' }));
  http.get('/health/ready', async (_, reply) => {
    const notReady = streams.filter((s) => !s.isReady()).map((s) => s.name);
    return reply
      .code(notReady.length === 0 ? 200 : 503)
      .send({ status: notReady.length === 0 ? 'ready' : 'not-ready', notReady });
  });
  http.get('/metrics', async (_, reply) => reply.type(registry.contentType).send(await registry.metrics()));

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await http.close();
      // Together: each waits for its consumer's fetch in flight (up to 5 s), one after the other a process of
      // five applications took ~24 s to stop, close to Kubernetes' 30 s grace before SIGKILL.
      await Promise.all(streams.map((app) => app.close()));
      for (const closer of closers.reverse()) await closer();
    })();
    return closing;
  };
  const fail = async (error: Error) => {
    logger.fatal({ err: error }, 'a stream application failed; stopping');
    await close().catch(() => undefined);
    process.exit(1);
  };

  for (const service of services) {
    await service.start(context);
    logger.info({ service: service.name }, 'service started');
  }
  const url = await http.listen({ port: config.HTTP_PORT, host: config.HTTP_HOST });
  logger.info({ url, services: services.map((s) => s.name) }, 'prizedraw is running');
  return { url, close };
}

/**
 * The whole of a service's main.ts: parses the environment with `schema` (an invalid variable stops the
 * process with a message naming it), runs the services, and shuts down cleanly on SIGTERM or SIGINT.
 */
export function runMain<S extends z.ZodType<BaseConfig>>(
  schema: S,
  services: (config: z.output<S>) => Service[],
): void {
  const stop = (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  };
  try {
    const config = parseConfig(schema);
    runServices(services(config), config).then((running) => {
      const close = () => void running.close().then(() => process.exit(0), stop);
      process.once('SIGTERM', close);
      process.once('SIGINT', close);
    }, stop);
  } catch (error) {
    stop(error);
  }
}
