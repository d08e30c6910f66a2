import { createHash } from 'node:crypto';
import {
  type DrawCompleted,
  type DrawDefined,
  type DrawRecord,
  decodeEvent,
  EVENT_TYPES,
  entriesRoot,
  resultsHashOf,
  sortEntries,
} from '@prizedraw/events';
import type { DrawResultData } from '@prizedraw/prize-draw';
import type { KafkaMessage } from 'kafkajs';
import { kafka, readAll, readUntil } from '../../support/kafka';

/** What `{brand}.draw.results` holds for one draw. */
export interface DrawOutcome {
  results: DrawResultData[];
  completed: DrawCompleted[];
}

/** Decodes the results topic's records of `drawId`. */
export function drawOutcomeOf(messages: readonly KafkaMessage[], drawId: string): DrawOutcome {
  const events = messages.map((message) => decodeEvent(message));
  const ofDraw = <T extends { drawId: string }>(type: string) =>
    events
      .filter((e) => e.type === type)
      .map((e) => e.data as T)
      .filter((data) => data.drawId === drawId);
  return {
    results: ofDraw<DrawResultData>(EVENT_TYPES.drawResult),
    completed: ofDraw<DrawCompleted>(EVENT_TYPES.drawCompleted),
  };
}

/** Whether draw-completed of the draw is among `messages`: every result was committed before it. */
export const hasCompleted = (messages: readonly KafkaMessage[], drawId: string) =>
  drawOutcomeOf(messages, drawId).completed.length > 0;

/**
 * The draw's records once draw-completed is committed, with every record's CloudEvent id. Results are keyed
 * by customer over every partition and committed no later than draw-completed, so everything is read up to
 * the end offsets at that point.
 */
export async function readDrawOutcome(
  resultsTopic: string,
  drawId: string,
  client = kafka,
): Promise<DrawOutcome & { ids: string[] }> {
  await readUntil(resultsTopic, (messages) => hasCompleted(messages, drawId), 90_000, client);
  const messages = await readAll(resultsTopic, client);
  return { ...drawOutcomeOf(messages, drawId), ids: messages.map((m) => decodeEvent(m).id) };
}

/**
 * The draw's invariants, against the tickets the load must have earned each customer: one result per
 * entrant with their exact ticket count; every table prize given exactly its quantity, nobody above
 * maxWinsPerCustomer; by ticket value the prizes go down the table and the losers come last; one
 * draw-completed with the totals. (Assumes the load has more entrants than table prizes and no default prize.)
 */
export function expectDrawInvariants(
  { results, completed }: DrawOutcome,
  draw: DrawDefined,
  expectedTickets: ReadonlyMap<string, number>,
): void {
  const accountIds = results.map((r) => r.accountId);
  expect(new Set(accountIds).size).toBe(results.length);
  expect(new Map(results.map((r) => [r.accountId, r.tickets]))).toEqual(expectedTickets);

  const prizesOf = (r: DrawResultData) => r.prizes ?? (r.prize === null ? [] : [r.prize]);
  const given = new Map<string, number>();
  for (const result of results) {
    expect(prizesOf(result).length).toBeLessThanOrEqual(draw.maxWinsPerCustomer);
    expect(result.outcome).toBe(result.prize === null ? 'lost' : 'won');
    for (const prize of prizesOf(result)) given.set(prize.prizeId, (given.get(prize.prizeId) ?? 0) + 1);
  }
  expect(given).toEqual(new Map(draw.prizes.map((p) => [p.prizeId, p.quantity])));

  const byTicket = [...results].sort((a, b) => (a.ticket < b.ticket ? 1 : -1));
  const tableIndex = (r: DrawResultData) =>
    r.prize === null ? draw.prizes.length : draw.prizes.findIndex((p) => p.prizeId === r.prize!.prizeId);
  expect(byTicket[0]?.rank).toBe(1);
  for (const [i, result] of byTicket.entries()) {
    expect(result.ticket).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const previous = byTicket[i - 1];
    if (previous === undefined) continue;
    expect(result.ticket < previous.ticket).toBe(true);
    expect(result.rank).toBeGreaterThan(previous.rank);
  }
  // Prizes go down the table in ticket order, past the customers excluded at draw time (who win nothing).
  const eligible = byTicket.filter((r) => !r.excluded);
  for (const [i, result] of eligible.entries())
    if (i > 0) expect(tableIndex(result)).toBeGreaterThanOrEqual(tableIndex(eligible[i - 1]!));
  for (const result of byTicket) if (result.excluded) expect(result.outcome).toBe('lost');

  const tickets = [...expectedTickets.values()].reduce((sum, n) => sum + n, 0);
  const winners = results.filter((r) => r.outcome === 'won').length;
  // A draw committed to a seed reveals it on completion (docs/verifiable-draws.md): sha256(seed) = commitment.
  const seed = completed[0]?.seed;
  const revealed = seed && createHash('sha256').update(Buffer.from(seed, 'hex')).digest('hex');
  expect(revealed || undefined).toBe(draw.seedCommitment);
  expect(completed).toEqual([
    {
      drawId: draw.drawId,
      entrants: expectedTickets.size,
      tickets,
      winners,
      lateTickets: 0,
      ...(seed && { seed }),
    },
  ]);
}

/**
 * The draw's one record agrees with its results: their hash, and the Merkle root of the entrants they name
 * with their ticket counts. After a draw process was killed while sending results, the process that finished
 * the draw built the record without the tally of the results sent before the kill.
 */
export async function expectRecordOfResults(
  recordsTopic: string,
  { results }: DrawOutcome,
  client = kafka,
): Promise<void> {
  const drawId = results[0]!.drawId;
  const records = (await readAll(recordsTopic, client))
    .map((message) => decodeEvent(message))
    .filter((event) => event.type === EVENT_TYPES.drawRecord)
    .map((event) => event.data as DrawRecord)
    .filter((record) => record.drawId === drawId);
  expect(records).toHaveLength(1);
  const entries = results.map(({ accountId, tickets }) => ({ accountId, tickets }));
  expect(records[0]).toMatchObject({
    entrants: results.length,
    resultsHash: resultsHashOf(results),
    entriesRoot: entriesRoot(sortEntries(entries)),
  });
}
