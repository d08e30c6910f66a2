/**
 * @prizedraw/stream — a small Kafka Streams-style runtime on KafkaJS: topologies of sources, processors and
 * sinks; LevelDB state stores backed by compacted changelogs; exactly-once consume-transform-produce; a
 * dead-letter topic for input that fails decoding or validation; health, metrics and an in-memory driver.
 *
 * ```ts
 * const topology = new Topology()
 *   .addSource('in', { topic: 'counts.in', deserializer: (m) => new Record(decodeRecordKey(m.key), m.value, m.timestamp) })
 *   .addProcessor('count', () => new CountProcessor(), 'in')
 *   .addStateStore({ name: 'counts' }, 'count')
 *   .addSink('out', { topic: 'counts.out', serializer: (r) => ({ key: r.key, value: String(r.value), headers: {} }) }, 'count');
 *
 * const streams = new KafkaStreams(topology, { applicationId: 'counter', brokers: ['127.0.0.1:9092'], stateDir: '.state' });
 * await streams.start();
 * ```
 */
export { DeadLetterHeaders, deadLetterTopicOf, isInputError } from './processor/dead-letter';
export type {
  Cancellable,
  Processor,
  ProcessorContext,
  ProcessorSupplier,
  Punctuator,
} from './processor/processor';
export { type Headers, Record, type RecordMetadata } from './processor/record';
export type {
  Adopter,
  BinaryHeaders,
  Deserializer,
  OutgoingMessage,
  Partitioner,
  RawMessage,
  SerializedMessage,
  Serializer,
  WrittenMessage,
} from './processor/serdes';
export type { ConsumedMessage } from './processor/stream-task';
export { type SinkOptions, type SourceOptions, type StoreOptions, Topology } from './processor/topology';
export { partitionForKey } from './runtime/default-partitioner';
export { deleteTopicsContaining, ensureTopics, type TopicSpec } from './runtime/ensure-topics';
export { GlobalTable, type GlobalTableOptions } from './runtime/global-table';
export { kafkaLogCreator } from './runtime/kafka-logger';
export { KafkaStreams, type KafkaStreamsOptions, type StreamsState } from './runtime/kafka-streams';
export { changelogTopicOf } from './runtime/partition-task';
export { readTopic, type TopicReader } from './runtime/read-topic';
export { isRetriableKafkaError } from './runtime/retriable-kafka-error';
export { type RunConsumerOptions, restartOnRetriable, runConsumer } from './runtime/run-consumer';
export { StreamMetrics } from './runtime/stream-metrics';
export type { KeyValueStore, RangeOptions, ReadOnlyKeyValueStore } from './state/key-value-store';
export {
  type TestInput,
  type TestOutput,
  TopologyTestDriver,
  type TopologyTestDriverOptions,
} from './test-utils/topology-test-driver';
