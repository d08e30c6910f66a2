import { bind, encodeEvent, PIPELINE_EVENT_TYPES, runChunkOf, toCloudEvent } from '@prizedraw/events';
import { type Kafka, type Message, Partitioners } from 'kafkajs';
import { kafka } from '../../../../test/support/kafka';

// Runs of an SCA draw as the ticket wallet writes them to `{brand}.draw.runs` (key drawId), for tests and the
// benchmark that feed the exporter without the pipeline in front of it.

/** A binary-mode CloudEvent as the wallet's sink writes it. */
export function walletMessage(type: string, data: unknown, key: string, id: string): Message {
  const event = toCloudEvent(bind(data), { type, source: '/prizedraw/ticket-wallet', id, subject: key });
  return encodeEvent(event, { key });
}

/** The run entry of entrant `n` (one contest entry each), spread over `partitions` wallet partitions. */
function runEntryOf(drawId: string, utmContent: string, n: number, partitions: number) {
  return {
    drawId,
    partition: n % partitions,
    seq: Math.floor(n / partitions),
    ticket: `ffffffff-ffff-4fff-8fff-${n.toString(16).padStart(12, '0')}`,
    customerId: `entrant-${n}@example.com`,
    tickets: 1,
    entries: [
      {
        entryId: `entry-${n}`,
        utmContent,
        email: `entrant-${n}@example.com`,
        firstName: n % 3 === 0 ? 'Zoë' : 'Ada',
        lastName: 'Lovelace',
        phone: '+1 555 0100',
        site: '2017',
        enteredAt: new Date(Date.UTC(2026, 2, 1, 12, 0, 0, n % 1000)).toISOString(),
      },
    ],
  };
}

/** Entrant `n`'s run entry as a wallet from before run chunks sent it: one record per entrant. */
export function runEntryMessage(drawId: string, utmContent: string, n: number, partitions: number): Message {
  const data = runEntryOf(drawId, utmContent, n, partitions);
  return walletMessage(
    PIPELINE_EVENT_TYPES.runEntry,
    data,
    drawId,
    `${drawId}:run:${data.partition}:${data.seq}`,
  );
}

/**
 * The run chunks of wallet partition `partition` for entrants `from` to `to` (exclusive) of a draw spread
 * as above, `chunkEntries` run entries each, as the wallet sends them.
 */
export function partitionRunChunks(
  drawId: string,
  utmContent: string,
  { from, to, partition, partitions, chunkEntries = 1_000 }: ChunkRange,
): Message[] {
  const entries = [];
  for (let n = from; n < to; n++)
    if (n % partitions === partition) entries.push(runEntryOf(drawId, utmContent, n, partitions));
  const messages: Message[] = [];
  for (let i = 0; i < entries.length; i += chunkEntries) {
    const chunk = entries.slice(i, i + chunkEntries);
    const data = runChunkOf(chunk);
    messages.push(
      walletMessage(
        PIPELINE_EVENT_TYPES.runChunk,
        data,
        drawId,
        `${drawId}:run:${partition}:${data.firstSeq}`,
      ),
    );
  }
  return messages;
}

/** Every wallet partition's run chunks for entrants 0 to `total` (exclusive), `chunkEntries` entries each. */
export function runChunkMessages(
  drawId: string,
  utmContent: string,
  total: number,
  partitions: number,
  chunkEntries?: number,
): Message[] {
  return Array.from({ length: partitions }, (_, partition) =>
    partitionRunChunks(drawId, utmContent, { from: 0, to: total, partition, partitions, chunkEntries }),
  ).flat();
}

/** Entrants `from` to `to` (exclusive) of one wallet partition's run, and the chunks that carry them. */
export interface ChunkRange {
  from: number;
  to: number;
  partition: number;
  partitions: number;
  chunkEntries?: number;
}

/** The run-end of wallet partition `partition` for a draw of `total` entrants spread as above. */
export function runEndMessage(drawId: string, partition: number, partitions: number, total: number): Message {
  const entries = Math.floor(total / partitions) + (partition < total % partitions ? 1 : 0);
  const data = { drawId, partition, partitions, entries, tickets: entries };
  return walletMessage(PIPELINE_EVENT_TYPES.runEnd, data, drawId, `${drawId}:run-end:${partition}`);
}

/** An SCA draw definition of `utmContent` (first week of March 2026, New York). */
export function scaDrawDefinition(drawId: string, utmContent: string) {
  return {
    drawId,
    promoCode: utmContent,
    opensAt: '2026-03-01T00:00:00-05:00',
    closesAt: '2026-03-08T00:00:00-05:00',
    timezone: 'America/New_York',
    administrator: 'sca',
    prizes: [{ prizeId: 'sca', name: 'Drawn by SCA', quantity: 1 }],
    defaultPrize: null,
  };
}

// Under the broker's 1 MiB limit of a record batch: a request's records for one partition go as one batch.
const REQUEST_BYTES = 512 * 1024;

/**
 * Produces run chunks in order, as many to a request as fit in 512 KiB of values (a chunk of a hundred SCA
 * entries is ~35 KB, of a thousand ~350 KB), with acks from all replicas.
 */
export async function produceRunChunks(topic: string, chunks: Iterable<Message>, client: Kafka = kafka) {
  const producer = client.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true });
  await producer.connect();
  try {
    let request: Message[] = [];
    let bytes = 0;
    for (const chunk of chunks) {
      const size = (chunk.value as Buffer).length;
      if (request.length > 0 && bytes + size > REQUEST_BYTES) {
        await producer.send({ topic, messages: request, acks: -1 });
        request = [];
        bytes = 0;
      }
      request.push(chunk);
      bytes += size;
    }
    if (request.length > 0) await producer.send({ topic, messages: request, acks: -1 });
  } finally {
    await producer.disconnect();
  }
}
