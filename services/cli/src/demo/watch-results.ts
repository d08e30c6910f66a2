import { type DrawCompleted, type DrawResult, decodeEvent, EVENT_TYPES } from '@prizedraw/events';
import { readTopic } from '@prizedraw/stream';
import type { Kafka } from 'kafkajs';

/** What the results topic says about one draw so far. */
export interface DrawOutcome {
  results: number;
  /** Results per prize name ("no prize" for better luck next time), with how many were wins. */
  byPrize: Map<string, { count: number; won: boolean }>;
  /** Customers with more than one result: must stay empty. */
  repeated: Set<string>;
  /** Customers whose result disagrees with the tickets the load earned them: must stay empty. */
  miscounted: Set<string>;
  completed?: DrawCompleted;
}

/**
 * Follows the results topic for one draw, checking every result against the tickets each customer should
 * hold; `done` settles once `draw-completed` and every result it counts have been read. `outcome` fills as
 * results arrive, for progress.
 */
export async function watchResults(
  kafka: Kafka,
  topic: string,
  drawId: string,
  expectedTickets: ReadonlyMap<string, number>,
): Promise<{ outcome: DrawOutcome; done: Promise<DrawOutcome>; stop: () => Promise<void> }> {
  const outcome: DrawOutcome = { results: 0, byPrize: new Map(), repeated: new Set(), miscounted: new Set() };
  const seen = new Set<string>();
  let complete!: (outcome: DrawOutcome) => void;
  const done = new Promise<DrawOutcome>((resolve) => {
    complete = resolve;
  });
  // draw-completed follows every result on its own partition only: other partitions may still be read.
  const checkDone = () => {
    if (outcome.completed && outcome.results >= outcome.completed.entrants) complete(outcome);
  };
  const reader = await readTopic(kafka, topic, (message) => {
    const event = decodeEvent({ key: message.key, value: message.value, headers: message.headers });
    if (event.type === EVENT_TYPES.drawCompleted) {
      const data = event.data as DrawCompleted;
      if (data.drawId !== drawId) return;
      outcome.completed = data;
      checkDone();
      return;
    }
    const result = event.data as DrawResult;
    if (event.type !== EVENT_TYPES.drawResult || result.drawId !== drawId) return;
    if (seen.has(result.accountId)) outcome.repeated.add(result.accountId);
    seen.add(result.accountId);
    if (expectedTickets.get(result.accountId) !== result.tickets) outcome.miscounted.add(result.accountId);
    const name = result.prize?.name ?? 'no prize';
    const entry = outcome.byPrize.get(name) ?? { count: 0, won: result.outcome === 'won' };
    entry.count++;
    outcome.byPrize.set(name, entry);
    outcome.results++;
    checkDone();
  });
  return { outcome, done, stop: () => reader.stop() };
}
