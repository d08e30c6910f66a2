import { type DataCodec, PrizedrawError, type TopicNames } from '@prizedraw/events';
import { cloudEventSink, cloudEventSource, type DrawDefinitions } from '@prizedraw/service';
import { Topology } from '@prizedraw/stream';
import type { Registry } from 'prom-client';
import { droppedCounter } from './dedupe-metrics';
import { DedupeProcessor } from './processors/dedupe-processor';

/** Options of {@link dedupeTopology}. */
export interface DedupeTopologyOptions {
  /** Reads `enriched`, writes `relevant` (activities that pass, and markers). */
  readonly topics: Pick<TopicNames, 'enriched' | 'relevant'>;
  /** How long after a draw's closesAt its seen marks are kept, ms. Default 24 h. */
  readonly retentionMs?: number;
  /** How often (wall clock) expired draws are looked for, ms. Default 60 s. */
  readonly expiryIntervalMs?: number;
  /** Most seen marks one punctuation deletes, so a huge draw expires over several. Default 50,000. */
  readonly expiryBatchSize?: number;
  /** When given, `prizedraw_dedupe_dropped_total{reason}` is registered on it. */
  readonly registry?: Registry;
  /** How event data is read and written (the service's, from SCHEMA_REGISTRY_URL); default plain JSON. */
  readonly dataCodec?: DataCodec;
  /** When given, tagged unqualification activity goes to its own topic instead of `relevant`. */
  readonly unqualification?: UnqualificationOptions;
}

/** The unqualification output of {@link dedupeTopology} (seed 001, week two). */
export interface UnqualificationOptions {
  /** `{brand}.relevant.unqualification.events`, which notifications reads. */
  readonly topic: string;
  /** The draw definitions table: an unqualification names the promotion, the enriched activity only the draw. */
  readonly definitions: DrawDefinitions;
  /** The tag that marks an activity as an unqualification. Default `unqualification`. */
  readonly tag?: string;
  /**
   * How long a draw this process's table does not have yet is waited for before the batch is handed back
   * (retriable) and tried again, ms. Default 10 s. Enrichment used the definition, so it is on its topic.
   */
  readonly definitionWaitMs?: number;
}

/** Stage name on the records' timeline (`dedupe.out`) and their CloudEvent source (`/prizedraw/dedupe`). */
export const DEDUPE_STAGE = 'dedupe';
/** The seen-set store; its changelog is `<applicationId>-seen-changelog`. */
export const SEEN_STORE = 'seen';

/**
 * TIM's topology: enriched activity → relevant events, repeats and second entries of an email dropped, with
 * a LevelDB seen-set per partition that expires with each draw; with `unqualification`, activity tagged so
 * goes to the unqualification topic instead. Invalid input goes to `<enriched>.dlq`.
 *
 * @throws RangeError naming the option when a duration or the batch size is not a positive integer.
 */
export function dedupeTopology(options: DedupeTopologyOptions): Topology {
  const {
    topics,
    retentionMs = 24 * 60 * 60_000,
    expiryIntervalMs = 60_000,
    expiryBatchSize = 50_000,
    registry,
    dataCodec,
  } = options;
  checkInteger('retentionMs', retentionMs, 0);
  checkInteger('expiryIntervalMs', expiryIntervalMs, 1);
  checkInteger('expiryBatchSize', expiryBatchSize, 1);
  const dropped = registry === undefined ? undefined : droppedCounter(registry);
  const topology = new Topology()
    .addSource('enriched', cloudEventSource(topics.enriched, dataCodec))
    .addProcessor(
      'dedupe',
      () =>
        new DedupeProcessor({
          storeName: SEEN_STORE,
          relevantSink: 'relevant',
          retentionMs,
          expiryIntervalMs,
          expiryBatchSize,
          ...(dropped && { onDrop: (reason) => dropped.inc({ reason }) }),
          ...(options.unqualification && { unqualification: unqualificationSplit(options.unqualification) }),
        }),
      'enriched',
    )
    .addStateStore({ name: SEEN_STORE }, 'dedupe')
    .addSink('relevant', cloudEventSink(topics.relevant, DEDUPE_STAGE, dataCodec), 'dedupe');
  if (options.unqualification === undefined) return topology;
  const sink = cloudEventSink(options.unqualification.topic, DEDUPE_STAGE, dataCodec);
  return topology.addSink(UNQUALIFIED_SINK, sink, 'dedupe');
}

const UNQUALIFIED_SINK = 'unqualified';

function unqualificationSplit(options: UnqualificationOptions) {
  const { definitions, tag = 'unqualification', definitionWaitMs = 10_000 } = options;
  checkInteger('unqualification.definitionWaitMs', definitionWaitMs, 1);
  return {
    sink: UNQUALIFIED_SINK,
    tag,
    async promoCodeOf(drawId: string): Promise<string> {
      const draw = await definitions.whenDefined(drawId, definitionWaitMs);
      if (draw) return draw.promoCode;
      throw new PrizedrawError(`draw ${drawId} is not in this process's definitions table yet`, {
        retriable: true,
      });
    },
  };
}

function checkInteger(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer of at least ${min}, got ${value}`);
  }
}
