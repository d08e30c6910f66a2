import { bind, EVENT_TYPES, encodeEvent, toCloudEvent } from '@prizedraw/events';
import type { Message } from 'kafkajs';

/** What to generate: customers of one promotion, stake per ticket, and the seed of the pseudo-random draws. */
export interface ActivityLoadOptions {
  customers: number;
  promoCode: string;
  stakePerTicketMinor: number;
  seed: number;
}

/** Messages for the activity topic and what the pipeline must make of them. */
export interface ActivityLoad {
  messages: Message[];
  /** Tickets each customer must hold: floor(total stake / stake per ticket) + awards, repeats once. */
  expectedTickets: Map<string, number>;
  /** CloudEvent ids of the malformed and schema-violating records, which must reach the dead-letter topic. */
  malformedIds: string[];
  /** How many records repeat one already sent (the same record again, or a retry under a new event id). */
  repeats: number;
}

const SOURCE = '/e2e/upstream';

/**
 * A realistic, reproducible load: 1–4 stakes per customer (mostly small, a few large), tickets awarded
 * to one in five, activity of another promotion, repeated records, and records that are malformed or break
 * the schema; shuffled, as upstream systems interleave them.
 */
export function buildActivityLoad({
  customers,
  promoCode,
  stakePerTicketMinor,
  seed,
}: ActivityLoadOptions): ActivityLoad {
  const random = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const time = new Date(Date.now() - 60 * 60_000).toISOString();
  const event = (type: string, key: string, data: unknown, id?: string) =>
    encodeEvent(toCloudEvent(bind(data), { type, source: SOURCE, time, ...(id && { id }) }), {
      key,
    }) as Message;
  const messages: Message[] = [];
  const expectedTickets = new Map<string, number>();
  let repeats = 0;
  // One record in twenty is sent again: as is, or as an upstream retry under a new CloudEvent id.
  const sometimesAgain = (again: () => Message) => {
    if (random() >= 0.05) return;
    messages.push(again());
    repeats++;
  };

  for (let c = 0; c < customers; c++) {
    const accountId = `cust-${c}`;
    let stake = 0;
    let awarded = 0;
    for (let s = int(1, 4); s > 0; s--) {
      const stakeMinor = random() < 0.1 ? int(500, 5000) : int(10, 400);
      const message = event(EVENT_TYPES.stake, accountId, {
        accountId,
        promoCode,
        activityId: `${accountId}-bet-${s}`,
        stakeMinor,
        currency: 'GBP',
      });
      messages.push(message);
      sometimesAgain(() => message);
      stake += stakeMinor;
    }
    if (random() < 0.2) {
      const award = { accountId, promoCode, awardId: `${accountId}-award`, tickets: int(1, 3) };
      messages.push(event(EVENT_TYPES.ticketsAwarded, accountId, award));
      sometimesAgain(() => event(EVENT_TYPES.ticketsAwarded, accountId, award));
      awarded = award.tickets;
    }
    if (random() < 0.02) {
      const other = {
        accountId,
        promoCode: 'NOT-THIS-DRAW',
        activityId: `${accountId}-other`,
        stakeMinor: 5000,
        currency: 'GBP',
      };
      messages.push(event(EVENT_TYPES.stake, accountId, other));
    }
    const tickets = Math.floor(stake / stakePerTicketMinor) + awarded;
    if (tickets > 0) expectedTickets.set(accountId, tickets);
  }

  const malformedIds: string[] = [];
  const malformed = (key: string, value: Buffer | string, data: unknown) => {
    const id = `malformed-${malformedIds.length}`;
    malformedIds.push(id);
    messages.push({ ...event(EVENT_TYPES.stake, key, data, id), value });
  };
  const valid = { accountId: 'cust-0', promoCode, activityId: 'broken', stakeMinor: 100, currency: 'GBP' };
  malformed('cust-0', '{"accountId": "cust-0", "stakeMin', valid);
  malformed('cust-1', Buffer.from([0xff, 0xfe, 0x00]), valid);
  for (const broken of [
    { ...valid, stakeMinor: -100 },
    { ...valid, stakeMinor: 1.5 },
    { ...valid, accountId: undefined },
    { ...valid, currency: 'pounds' },
  ]) {
    malformed('cust-2', JSON.stringify(broken), broken);
  }
  return { messages: shuffle(messages, random), expectedTickets, malformedIds, repeats };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** A small seeded generator, so a failing load can be reproduced. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
