/**
 * @prizedraw/service — what every prizedraw service shares: CloudEvent sources and sinks for topologies,
 * environment configuration parsed once with zod, the process runner (health, metrics, signals), the draw
 * definitions table, and the parking of activity that comes before its draw (`Parking`, used by ingestion
 * and enrichment), and the relay of a MariaDB transactional outbox to Kafka (`startOutboxRelay`).
 *
 * ```ts
 * const topology = new Topology()
 *   .addSource('activity', cloudEventSource(topics.activity))
 *   .addProcessor('ingest', () => new IngestProcessor({ definitions, settings: parkingSettings() }), 'activity')
 *   .addStateStore({ name: 'parked' }, 'ingest')
 *   .addSink('ingested', cloudEventSink(topics.ingested, 'ingestion'), 'ingest');
 * ```
 */

export { type ApiTokenSettings, apiTokensOf } from './api-tokens-of';
export { cloudEventSink, cloudEventSource, type Outbound, outbound } from './cloud-event-serdes';
export { type BaseConfig, baseConfigSchema, ConfigError, parseConfig } from './config';
export {
  type DefinitionsIndex,
  type DefinitionsTopic,
  startDefinitionsIndex,
  startDefinitionsTable,
} from './definitions-table';
export { type DrawDefinitions, InMemoryDrawDefinitions } from './draw-definitions';
export {
  createEventProducer,
  type EventProducer,
  type EventProducerOptions,
  type EventToProduce,
} from './event-producer';
export { KafkaUnavailableError } from './kafka-unavailable-error';
export { occurredAtOf } from './occurred-at';
export {
  type OutboxConnection,
  type OutboxPool,
  OutboxReader,
  type OutboxRow,
} from './outbox-reader';
export { type OutboxRelay, type OutboxRelayOptions, startOutboxRelay } from './outbox-relay';
export {
  Parking,
  type ParkingSettings,
  type ParkingSetup,
  type ParkingStage,
  parkingSettings,
} from './parking';
export { type ParkingConfig, parkingConfigSchema } from './parking-config';
export type { ParkingSlot } from './parking-keys';
export { type Parked, ParkingLot, type Release } from './parking-lot';
export { type ParkingMetrics, parkingMetrics } from './parking-metrics';
export { ensurePipelineTopics, topicsOf } from './pipeline-topics';
export { registeredCounter } from './registered-counter';
export { type RetryWithBackoffOptions, retryWithBackoff } from './retry-with-backoff';
export {
  type RunningServices,
  runMain,
  runServices,
  type Service,
  type ServiceContext,
  type StreamsTuning,
} from './run-services';
export {
  fusedService,
  type StageService,
  type StreamStage,
  stageService,
} from './stream-stage';
export {
  UNMATCHED_REASON_EXTENSION,
  UNMATCHED_REASON_HEADER,
  UNMATCHED_STATUS_EXTENSION,
  UNMATCHED_STATUS_HEADER,
  type UnmatchedStatus,
  unmatchedHeaders,
  unmatchedReason,
  unmatchedSink,
} from './unmatched-sink';
