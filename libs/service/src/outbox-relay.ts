import { setTimeout as sleep } from 'node:timers/promises';
import { bind, type DataCodec, encodeEvent, toCloudEvent } from '@prizedraw/events';
import type { Kafka, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import type { Counter } from 'prom-client';
import { type OutboxPool, OutboxReader, type OutboxRow } from './outbox-reader';
import { publishedIds } from './published-ids';
import { retryWithBackoff } from './retry-with-backoff';

/** Options of {@link startOutboxRelay}. */
export interface OutboxRelayOptions {
  readonly pool: OutboxPool;
  /** The outbox table (`iw_outbox`, `msq_outbox`): the columns of {@link OutboxReader}. */
  readonly table: string;
  /** Resolves once the outbox table exists (the service's migrations). */
  readonly ready?: () => Promise<unknown>;
  readonly kafka: Kafka;
  /** The topic the events go to, e.g. `{brand}.instant-win.events`. */
  readonly topic: string;
  /** CloudEvent source of the events, e.g. `/prizedraw/instant-win`. */
  readonly source: string;
  /**
   * The Kafka transactional id, one per outbox (per brand): a relay that starts fences any earlier one, whose
   * open transaction is aborted and whose later commits fail.
   */
  readonly transactionalId: string;
  readonly logger: Logger;
  readonly dataCodec?: DataCodec;
  /** Rows per Kafka transaction. Default 500. */
  readonly batchSize?: number;
  /** Wait when the outbox is empty, or while another instance holds the relay's lock. Default 100 ms. */
  readonly idleMs?: number;
  /** Longest wait between attempts while MariaDB or Kafka is down. Default 5 s. */
  readonly retryMaxDelayMs?: number;
  /**
   * How long a sent row stays in the outbox (for inspection) before the relay deletes it. Default 7 days;
   * unsent rows are never deleted.
   */
  readonly retentionMs?: number;
  /** Counts events published and failed attempts (metrics). */
  readonly relayed?: Pick<Counter.Internal, 'inc'>;
  readonly failures?: Pick<Counter.Internal, 'inc'>;
}

const WEEK_MS = 7 * 86_400_000;
const CLOCK_MARGIN_MS = 5 * 60_000;
// Sent rows are deleted when the outbox is idle, at most this often and in bounded chunks.
const PURGE_EVERY_MS = 60_000;

/** A running relay; `stop` ends it after its current step. */
export interface OutboxRelay {
  stop(): Promise<void>;
}

/**
 * Publishes the outbox to Kafka, exactly once per row for read-committed consumers:
 * - one instance relays at a time (MariaDB `GET_LOCK`, held by the session that reads and marks the rows);
 * - each batch is one Kafka transaction; its rows are marked sent after it commits;
 * - on (re)start, after fencing its predecessor, the relay reads the topic for the ce_ids of rows still
 *   unsent: a predecessor that crashed between its commit and its marking published those, so they are marked
 *   instead of published again. The CloudEvent id is the outbox row id, which is what makes that possible.
 * Any failure (MariaDB or Kafka down, fenced) ends the leadership and starts again with back-off.
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const controller = new AbortController();
  const { signal } = controller;
  const running = retryWithBackoff(() => relayWhileLeader(options, signal), {
    what: `relaying the outbox ${options.table}`,
    logger: options.logger,
    signal,
    initialDelayMs: 200,
    maxDelayMs: options.retryMaxDelayMs ?? 5_000,
    onFailure: () => options.failures?.inc(),
  }).catch((error: unknown) => {
    if (!signal.aborted) options.logger.fatal({ err: error }, 'the outbox relay stopped');
  });
  return {
    async stop() {
      controller.abort();
      await running;
    },
  };
}

async function relayWhileLeader(options: OutboxRelayOptions, signal: AbortSignal): Promise<never> {
  await options.ready?.();
  const connection = await options.pool.getConnection();
  let producer: Producer | undefined;
  try {
    const reader = new OutboxReader(connection, options.table);
    // Another instance relays: wait for its lock, which MariaDB frees when that instance's session ends.
    while (!(await reader.tryLock(`prizedraw.relay.${options.transactionalId}`))) {
      await sleep(options.idleMs ?? 100, undefined, { signal });
    }
    producer = options.kafka.producer({
      transactionalId: options.transactionalId,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    // The first transaction's InitProducerId fences the predecessor before the topic is read.
    await (await producer.transaction()).abort();
    await markPublishedRows(options, reader);
    let nextPurge = 0;
    for (;;) {
      signal.throwIfAborted();
      const rows = await reader.unsent(options.batchSize ?? 500);
      if (rows.length === 0) {
        if (Date.now() >= nextPurge) {
          await reader.purgeSent(new Date(Date.now() - (options.retentionMs ?? WEEK_MS)));
          nextPurge = Date.now() + PURGE_EVERY_MS;
        }
        await sleep(options.idleMs ?? 100, undefined, { signal });
        continue;
      }
      await publish(options, producer, rows);
      await reader.markSent(
        rows.map((row) => row.id),
        new Date(),
      );
      options.relayed?.inc(rows.length);
    }
  } finally {
    await producer?.disconnect().catch(() => undefined);
    // Ends the session, and with it the lock: the next leader takes over at once.
    connection.destroy();
  }
}

async function publish(
  options: OutboxRelayOptions,
  producer: Producer,
  rows: readonly OutboxRow[],
): Promise<void> {
  const messages = rows.map((row) =>
    encodeEvent(
      toCloudEvent(bind(row.data), {
        type: row.type,
        source: options.source,
        subject: row.key,
        id: row.id,
        time: row.occurredAt,
      }),
      { key: row.key, dataCodec: options.dataCodec, topic: options.topic },
    ),
  );
  const transaction = await producer.transaction();
  try {
    await transaction.send({ topic: options.topic, messages, acks: -1 });
    await transaction.commit();
  } catch (error) {
    await transaction.abort().catch(() => undefined);
    throw error;
  }
}

/** Marks the unsent rows whose events a predecessor committed to the topic before it could mark them. */
async function markPublishedRows(options: OutboxRelayOptions, reader: OutboxReader): Promise<void> {
  const unsent = await reader.unsentIds();
  if (unsent.oldest === undefined) return;
  // A row's event is published after the row was written; the margin covers clocks of other hosts.
  const published = await publishedIds(options.kafka, {
    topic: options.topic,
    source: options.source,
    wanted: new Set(unsent.ids),
    groupPrefix: `${options.transactionalId}-check`,
    since: new Date(unsent.oldest.getTime() - CLOCK_MARGIN_MS),
  });
  await reader.markSent(published, new Date());
  if (published.length > 0)
    options.logger.warn(
      { rows: published.length },
      'outbox rows published by the previous relay but not marked sent: marked now, not published again',
    );
}
