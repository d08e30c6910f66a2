import { dedupeTopology } from '@prizedraw/dedupe';
import { enrichmentTopology } from '@prizedraw/enrichment';
import {
  type DrawRecord,
  decodeAndValidate,
  PIPELINE_EVENT_TYPES,
  type RecordEntry,
  type RunChunk,
  runEntriesOf,
  sortEntries,
  type TopicNames,
} from '@prizedraw/events';
import { createIngestionTopology } from '@prizedraw/ingestion';
import { type DrawDefinitions, InMemoryDrawDefinitions } from '@prizedraw/service';
import { type TestInput, type Topology, TopologyTestDriver } from '@prizedraw/stream';
import { ticketRulesTopology } from '@prizedraw/ticket-rules';
import { createTicketWalletTopology } from '@prizedraw/ticket-wallet';
import pino from 'pino';

/** One stage of the replay: its topology, the topic it reads and the one whose records go on. */
export interface Stage {
  topology: Topology;
  input: string;
  output: string;
}

/**
 * Rebuilds a draw's entry list from its activity, through the pipeline's own topologies (ingestion →
 * enrichment → dedupe → ticket-rules → ticket-wallet) in memory, on scratch stores: `activity` holds each
 * activity partition's records up to and including the draw's marker at its cut-off offset, in offset order.
 * Returns the entrants and counts of the wallets' runs, in leaf order.
 */
export async function replayEntries(
  record: DrawRecord,
  topics: TopicNames,
  activity: readonly TestInput[],
): Promise<RecordEntry[]> {
  const stages: Stage[] = [
    ...grantStages(topics, new InMemoryDrawDefinitions([record.definition])),
    // Tickets do not matter here, counts do: no seed, random tickets.
    { topology: createTicketWalletTopology({ topics }), input: topics.tickets, output: topics.runs },
  ];
  const records = await runStages(stages, activity, record.cutoffOffsets?.length ?? 0);
  const counts = new Map<string, number>();
  for (const message of records) {
    const event = decodeAndValidate({
      key: message.key ?? null,
      value: message.value,
      headers: { ...message.headers },
    });
    if (event.type !== PIPELINE_EVENT_TYPES.runChunk) continue;
    for (const { drawId, customerId, tickets } of runEntriesOf(event.data as RunChunk))
      if (drawId === record.drawId) counts.set(customerId, tickets);
  }
  return sortEntries([...counts].map(([accountId, tickets]) => ({ accountId, tickets })));
}

/** The stages from the activity topic to the grants on the tickets topic: ingestion to ticket-rules. */
export function grantStages(topics: TopicNames, definitions: DrawDefinitions): Stage[] {
  const logger = pino({ level: 'silent' });
  return [
    {
      topology: createIngestionTopology({ topics, definitions, logger }),
      input: topics.activity,
      output: topics.ingested,
    },
    {
      topology: enrichmentTopology({ topics, definitions, logger }),
      input: topics.ingested,
      output: topics.enriched,
    },
    { topology: dedupeTopology({ topics }), input: topics.enriched, output: topics.relevant },
    { topology: ticketRulesTopology({ topics }), input: topics.relevant, output: topics.tickets },
  ];
}

/**
 * Pipes `records` through each stage in turn, in memory on `partitions` partitions, each stage's output (with
 * its partitions and headers) the next one's input; returns the last stage's output.
 */
export async function runStages(
  stages: readonly Stage[],
  records: readonly TestInput[],
  partitions: number,
): Promise<TestInput[]> {
  let current = [...records];
  for (const { topology, input, output } of stages) {
    const driver = await TopologyTestDriver.create(topology, { partitions });
    try {
      for (const message of current) await driver.pipeInput(input, message);
      current = driver
        .readOutput(output)
        .map(({ key, value, headers, partition }) => ({ key, value, headers: { ...headers }, partition }));
    } finally {
      await driver.close();
    }
  }
  return current;
}

/** The differences between the record's entry list and the replayed one, naming each entrant. */
export function compareEntries(recorded: readonly RecordEntry[], replayed: readonly RecordEntry[]): string[] {
  const want = new Map(replayed.map((entry) => [entry.accountId, entry.tickets]));
  const differences: string[] = [];
  for (const { accountId, tickets } of recorded) {
    const replayedTickets = want.get(accountId);
    want.delete(accountId);
    if (replayedTickets === undefined)
      differences.push(`entrant ${accountId}: in the record, not in the replay`);
    else if (replayedTickets !== tickets)
      differences.push(
        `entrant ${accountId}: the record says ${tickets} tickets, the replay gives ${replayedTickets}`,
      );
  }
  for (const [accountId, tickets] of want)
    differences.push(`entrant ${accountId}: ${tickets} tickets in the replay, not in the record`);
  return differences;
}
