import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

const latencyBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The runtime's Prometheus metrics, created once per registry and shared by every stream application in
 * the process (each labels its series with `application`).
 */
export class StreamMetrics {
  readonly consumed: Counter<'application' | 'topic'>;
  readonly produced: Counter<'application' | 'topic'>;
  readonly deadLettered: Counter<'application' | 'topic'>;
  readonly transactions: Counter<'application' | 'outcome'>;
  readonly batchSeconds: Histogram<'application'>;
  readonly lag: Gauge<'application' | 'topic' | 'partition'>;
  readonly hopLatency: Histogram<'application' | 'topic'>;
  readonly endToEndLatency: Histogram<'application' | 'topic'>;
  readonly restored: Counter<'application' | 'store'>;
  readonly restoreRemaining: Gauge<'application' | 'store' | 'partition'>;
  readonly tasks: Gauge<'application'>;

  constructor(registry: Registry) {
    const registers = [registry];
    const counter = <L extends string>(name: string, help: string, labelNames: L[]) =>
      new Counter({ name, help, labelNames, registers });
    this.consumed = counter('prizedraw_stream_records_consumed_total', 'Records read from source topics', [
      'application',
      'topic',
    ]);
    this.produced = counter(
      'prizedraw_stream_records_produced_total',
      'Records written, changelogs and DLQs included',
      ['application', 'topic'],
    );
    this.deadLettered = counter(
      'prizedraw_stream_dead_letters_total',
      'Input records sent to a dead-letter topic',
      ['application', 'topic'],
    );
    this.transactions = counter('prizedraw_stream_transactions_total', 'Kafka transactions by outcome', [
      'application',
      'outcome',
    ]);
    this.restored = counter(
      'prizedraw_stream_restored_records_total',
      'Changelog records replayed into stores',
      ['application', 'store'],
    );
    this.batchSeconds = new Histogram({
      name: 'prizedraw_stream_batch_seconds',
      help: 'Time to process and commit one input batch',
      labelNames: ['application'],
      buckets: latencyBuckets,
      registers,
    });
    this.hopLatency = new Histogram({
      name: 'prizedraw_stream_hop_latency_seconds',
      help: 'From the previous stamp on the record timeline (the upstream hop) to consumption here',
      labelNames: ['application', 'topic'],
      buckets: latencyBuckets,
      registers,
    });
    this.endToEndLatency = new Histogram({
      name: 'prizedraw_stream_end_to_end_latency_seconds',
      help: 'From the first stamp on the record timeline (when it happened) to consumption here',
      labelNames: ['application', 'topic'],
      buckets: latencyBuckets,
      registers,
    });
    this.lag = new Gauge({
      name: 'prizedraw_stream_consumer_lag',
      help: 'Records behind the end of each input partition, as of the last batch',
      labelNames: ['application', 'topic', 'partition'],
      registers,
    });
    this.restoreRemaining = new Gauge({
      name: 'prizedraw_stream_restore_remaining',
      help: 'Changelog records still to replay for a store partition',
      labelNames: ['application', 'store', 'partition'],
      registers,
    });
    this.tasks = new Gauge({
      name: 'prizedraw_stream_tasks',
      help: 'Partitions this instance owns',
      labelNames: ['application'],
      registers,
    });
  }
}
