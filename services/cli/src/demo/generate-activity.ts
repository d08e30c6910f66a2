import { randomUUID } from 'node:crypto';
import { bind, type DataCodec, EVENT_TYPES, encodeEvent, toCloudEvent } from '@prizedraw/events';
import type { Message } from 'kafkajs';

/** What the demo load is made of; defaults give a realistic mix for one promotion. */
export interface ActivityLoadOptions {
  promoCode: string;
  customers: number;
  /** Stake that earns one ticket, in minor units: the demo's expectations are computed with it. */
  stakePerTicketMinor: number;
  /** Share of customers who also get tickets pushed by another promotion. */
  awardShare?: number;
  /** Share of events sent a second time, as an upstream retry would. */
  duplicateShare?: number;
  /** Share of records that are broken: bytes that are not JSON, or a stake without its currency. */
  malformedShare?: number;
  /** How the data of well-formed records is written (the registry's wire format or JSON); default JSON. */
  dataCodec?: DataCodec;
}

/** What a correct pipeline must make of the load. */
export interface ActivityLoad {
  /** Records to produce, in order, already encoded as binary-mode CloudEvents; the demo empties it once sent. */
  messages: Message[];
  /** How many records there are to produce (`messages` as made). */
  records: number;
  /** Tickets each customer must end up with: floor(total stake / stake per ticket) + awarded tickets. */
  expectedTickets: Map<string, number>;
  stakes: number;
  awards: number;
  duplicates: number;
  malformed: number;
}

const SOURCE = '/prizedraw/demo';

/**
 * How many stakes a customer places: most place a few, a few place many (a Pareto tail), as on a real
 * site, where a small share of customers bring most of the turnover.
 */
function stakesPlaced(): number {
  return Math.min(60, Math.floor(1 / (1 - Math.random()) ** 0.8));
}

/** A stake in minor units: mostly small (1–20 in the currency), sometimes large. */
function stakeAmount(): number {
  return Math.random() < 0.9
    ? 100 * (1 + Math.floor(Math.random() * 20))
    : 100 * (20 + Math.floor(Math.random() * 480));
}

/**
 * A binary-mode CloudEvent of the demo (source `/prizedraw/demo`), keyed and with a fresh id, as of now;
 * its data plain JSON, or through `dataCodec`.
 */
export function demoEvent(type: string, key: string, data: unknown, dataCodec?: DataCodec): Message {
  return encodeEvent(toCloudEvent(bind(data), { type, source: SOURCE, subject: key }), { key, dataCodec });
}

/**
 * Records that the pipeline must dead-letter, each with a different fault: plain JSON even with a registry,
 * whose codec would refuse the stake without its currency (as from a producer that does not use it).
 */
function malformedMessage(promoCode: string, index: number): Message {
  const key = `acc-broken-${index}`;
  if (index % 2 === 0) {
    const good = demoEvent(EVENT_TYPES.stake, key, {});
    return { ...good, value: Buffer.from('{"accountId": "acc-broken", "stakeMinor": 5') };
  }
  return demoEvent(EVENT_TYPES.stake, key, {
    accountId: key,
    promoCode,
    activityId: randomUUID(),
    stakeMinor: 500,
  });
}

/**
 * A realistic load of activity for one promotion: skewed stakes from `customers` customers, ticket awards
 * for some, upstream retries (same event id and activity id), and broken records, shuffled together.
 */
export function generateActivity(options: ActivityLoadOptions): ActivityLoad {
  const { promoCode, customers, stakePerTicketMinor } = options;
  const { awardShare = 0.05, duplicateShare = 0.01, malformedShare = 0.002, dataCodec } = options;
  const messages: Message[] = [];
  const expectedTickets = new Map<string, number>();
  let stakes = 0;
  let awards = 0;
  for (let c = 0; c < customers; c++) {
    const accountId = `acc-${String(c).padStart(7, '0')}`;
    let staked = 0;
    for (let s = stakesPlaced(); s > 0; s--) {
      const stakeMinor = stakeAmount();
      staked += stakeMinor;
      stakes++;
      messages.push(
        demoEvent(
          EVENT_TYPES.stake,
          accountId,
          {
            accountId,
            promoCode,
            activityId: randomUUID(),
            stakeMinor,
            currency: 'GBP',
          },
          dataCodec,
        ),
      );
    }
    let tickets = Math.floor(staked / stakePerTicketMinor);
    if (Math.random() < awardShare) {
      const awarded = 1 + Math.floor(Math.random() * 5);
      tickets += awarded;
      awards++;
      messages.push(
        demoEvent(
          EVENT_TYPES.ticketsAwarded,
          accountId,
          {
            accountId,
            promoCode,
            awardId: randomUUID(),
            tickets: awarded,
          },
          dataCodec,
        ),
      );
    }
    if (tickets > 0) expectedTickets.set(accountId, tickets);
  }
  const duplicates = Math.round(messages.length * duplicateShare);
  for (let d = 0; d < duplicates; d++) messages.push(messages[Math.floor(Math.random() * messages.length)]!);
  const malformed = Math.round(messages.length * malformedShare);
  for (let m = 0; m < malformed; m++) messages.push(malformedMessage(promoCode, m));
  shuffle(messages);
  return { messages, records: messages.length, expectedTickets, stakes, awards, duplicates, malformed };
}

/** Fisher–Yates, in place. A customer's own events may arrive in any order: the totals do not depend on it. */
function shuffle<T>(items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
