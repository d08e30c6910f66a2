import {
  bind,
  type DrawDefined,
  type DrawRecord,
  type DrawRecordEntries,
  type DrawResult,
  decodeAndValidate,
  EVENT_TYPES,
  encodeEvent,
  PIPELINE_EVENT_TYPES,
  seedCommitmentOf,
  type TopicNames,
  toCloudEvent,
  topicNames,
} from '@prizedraw/events';
import { createPrizeDrawTopology } from '@prizedraw/prize-draw';
import { InMemoryDrawDefinitions } from '@prizedraw/service';
import { type TestInput, type TestOutput, TopologyTestDriver } from '@prizedraw/stream';
import { createTicketWalletTopology } from '@prizedraw/ticket-wallet';
import type { PublishedDraw } from '../../src/verify/published-draw';

const PARTITIONS = 4;

/** One grant of tickets to a customer, in arrival order. */
export interface Grant {
  customerId: string;
  tickets: number;
}

const message = (topics: TopicNames, type: string, data: unknown, key: string): TestInput => {
  const encoded = encodeEvent(toCloudEvent(bind(data), { type, source: '/test' }), {
    key,
    topic: topics.tickets,
  });
  return { key, value: encoded.value, headers: encoded.headers };
};

/** A change on the customer exclusions topic: excluded, or lifted (`false`: a tombstone). */
export interface Exclusion {
  customerId: string;
  excluded: boolean;
}

const dataOf = (output: TestOutput) =>
  decodeAndValidate({ key: output.key, value: output.value, headers: { ...output.headers } });

/**
 * Runs a draw through the real wallet and draw topologies in memory (4 partitions, no broker): the grants,
 * the exclusions (after the grants), the markers of a trigger (each with its activity offset as cut-off), the
 * draw; returns what they published.
 */
export async function runInMemoryDraw(
  definition: DrawDefined,
  seed: Buffer,
  grants: readonly Grant[],
  exclusions: readonly Exclusion[] = [],
): Promise<PublishedDraw> {
  const topics = topicNames();
  const seeds = async () => seed;
  const drawId = definition.drawId;
  const defined = { ...definition, seedCommitment: seedCommitmentOf(seed) };
  const wallet = await TopologyTestDriver.create(createTicketWalletTopology({ topics, seeds }), {
    partitions: PARTITIONS,
  });
  const totals = new Map<string, number>();
  for (const [i, { customerId, tickets }] of grants.entries()) {
    const total = (totals.get(customerId) ?? 0) + tickets;
    totals.set(customerId, total);
    const grant = {
      drawId,
      customerId,
      grantId: `g${i}`,
      tickets,
      total,
      maxWinsPerCustomer: definition.maxWinsPerCustomer,
    };
    await wallet.pipeInput(
      topics.tickets,
      message(topics, PIPELINE_EVENT_TYPES.ticketsGranted, grant, customerId),
    );
  }
  for (const { customerId, excluded } of exclusions) {
    const change = excluded
      ? message(topics, EVENT_TYPES.customerExclusion, { customerId, excluded }, customerId)
      : { key: customerId, value: null };
    await wallet.pipeInput(topics.exclusions, change);
  }
  for (let partition = 0; partition < PARTITIONS; partition++)
    for (let source = 0; source < PARTITIONS; source++) {
      const marker = {
        drawId,
        triggerId: 't',
        sourcePartitions: PARTITIONS,
        sourcePartition: source,
        cutoffOffset: `${100 + source}`,
      };
      await wallet.pipeInput(topics.tickets, {
        ...message(topics, PIPELINE_EVENT_TYPES.drawMarker, marker, drawId),
        partition,
      });
    }
  const runs = wallet.readOutput(topics.runs);
  await wallet.close();

  const draw = await TopologyTestDriver.create(
    createPrizeDrawTopology({
      topics,
      definitions: new InMemoryDrawDefinitions([defined]),
      seeds,
      sliceSize: 97,
    }),
    { partitions: 1 },
  );
  for (const run of runs)
    await draw.pipeInput(topics.runs, { key: run.key, value: run.value, headers: run.headers, partition: 0 });
  const results: DrawResult[] = [];
  const records: TestOutput[] = [];
  while (!records.some((output) => output.headers?.ce_type?.toString() === EVENT_TYPES.drawRecord)) {
    await draw.advanceWallClockTime(100);
    for (const output of draw.readOutput(topics.results)) {
      const event = dataOf(output);
      if (event.type === EVENT_TYPES.drawResult) results.push(event.data as DrawResult);
    }
    records.push(...draw.readOutput(topics.records));
  }
  await draw.close();
  const events = records.map(dataOf);
  const record = events.find((event) => event.type === EVENT_TYPES.drawRecord)!.data as DrawRecord;
  const entries = events
    .filter((event) => event.type === EVENT_TYPES.drawRecordEntries)
    .flatMap((event) => (event.data as DrawRecordEntries).entries);
  return { record, entries, results };
}
