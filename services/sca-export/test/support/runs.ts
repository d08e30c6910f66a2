import { bind, encodeEvent, PIPELINE_EVENT_TYPES, toCloudEvent } from '@prizedraw/events';
import type { Message } from 'kafkajs';

// Runs of an SCA draw as the ticket wallet writes them to `{brand}.draw.runs` (key drawId), for tests and the
// benchmark that feed the exporter without the pipeline in front of it.

/** A binary-mode CloudEvent as the wallet's sink writes it. */
export function walletMessage(type: string, data: unknown, key: string, id: string): Message {
  const event = toCloudEvent(bind(data), { type, source: '/prizedraw/ticket-wallet', id, subject: key });
  return encodeEvent(event, { key });
}

/** The run entry of entrant `n` (one entry each), spread over `partitions` wallet partitions. */
export function runEntryMessage(drawId: string, utmContent: string, n: number, partitions: number): Message {
  const partition = n % partitions;
  const seq = Math.floor(n / partitions);
  const data = {
    drawId,
    partition,
    seq,
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
  return walletMessage(PIPELINE_EVENT_TYPES.runEntry, data, drawId, `${drawId}:run:${partition}:${seq}`);
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
