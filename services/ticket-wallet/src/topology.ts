import { type DataCodec, seedsIn, type TopicNames } from '@prizedraw/events';
import { cloudEventSink, cloudEventSource } from '@prizedraw/service';
import { Topology } from '@prizedraw/stream';
import pLimit from 'p-limit';
import { exclusionsSource } from './adapters/exclusions-source';
import { pooledRandomBytes } from './adapters/pooled-random-bytes';
import { WALLET_STORE } from './adapters/wallet-store';
import type { RandomBytes } from './processors/keep-best-tickets';
import {
  LATE_TICKETS_SINK,
  RUNS_SINK,
  type SeedSource,
  TicketWalletProcessor,
} from './processors/ticket-wallet-processor';

/** Options of {@link createTicketWalletTopology}. */
export interface TicketWalletTopologyOptions {
  /** Topic names of the deployment: reads `tickets` and `exclusions`, writes `runs` and `lateTickets`. */
  topics: TopicNames;
  /** Where ticket values come from; default the CSPRNG through a pool (`pooledRandomBytes`). Tests pass a seeded source. */
  randomBytes?: RandomBytes;
  /**
   * Directory of draw seeds (`SEED_DIR`): draws with a seed there get derived tickets. Default none: random.
   * Tests may pass `seeds` instead.
   */
  seedDir?: string;
  /** Where draw seeds come from; default the files of `seedDir`. */
  seeds?: SeedSource;
  /** How event data is read and written (the service's, from SCHEMA_REGISTRY_URL); default plain JSON. */
  dataCodec?: DataCodec;
}

const STAGE = 'ticket-wallet';

/**
 * The ticket wallet: `{brand}.tickets` (grants and draw markers, keyed by customer) and
 * `{brand}.customer.exclusions` (key customer, co-partitioned) in; per partition and
 * draw, the run of kept tickets highest first to `{brand}.draw.runs` (key drawId), late tickets to
 * `{brand}.draw.late-tickets` (and to the runs, so the draw counts them). State: the `ticket-wallet` store.
 */
export function createTicketWalletTopology({
  topics,
  randomBytes = pooledRandomBytes(),
  seedDir,
  seeds = seedsIn(seedDir),
  dataCodec,
}: TicketWalletTopologyOptions): Topology {
  // One run at a time among this process's wallet partitions: each partition's run then commits as soon as
  // it is sent, and the draw service reads it while the next is sent. Sent all at once, interleaved, every
  // run committed at the end and the draw service waited for all of them (docs/benchmarks.md).
  const oneRunAtATime = pLimit(1);
  return new Topology()
    .addSource('tickets', cloudEventSource(topics.tickets, dataCodec))
    .addSource('exclusions', exclusionsSource(topics.exclusions, dataCodec))
    .addProcessor(
      'wallet',
      () => new TicketWalletProcessor(randomBytes, seeds, topics.exclusions, oneRunAtATime),
      'tickets',
      'exclusions',
    )
    .addStateStore({ name: WALLET_STORE }, 'wallet')
    .addSink(RUNS_SINK, cloudEventSink(topics.runs, STAGE, dataCodec), 'wallet')
    .addSink(LATE_TICKETS_SINK, cloudEventSink(topics.lateTickets, STAGE, dataCodec), 'wallet');
}
