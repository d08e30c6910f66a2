import { randomBytes } from 'node:crypto';
import { runEntrySchema } from '@prizedraw/events';
import { recordingRandomBytes, seededRandomBytes } from '../../test/support/builders';
import { keepBestTickets } from './keep-best-tickets';
import { formatTicket, invertTicket } from './ticket-format';

const asTicket = (hex: string) => formatTicket(Buffer.from(hex, 'hex'));

describe('ticket format', () => {
  it('when 16 random bytes are formatted, then the ticket is a lowercase UUID-shaped string', () => {
    const formatted = formatTicket(randomBytes(16));
    expect(runEntrySchema.shape.ticket.safeParse(formatted).success).toBe(true);
    expect(formatTicket(Buffer.from('00112233445566778899aabbccddeeff', 'hex'))).toBe(
      '00112233-4455-6677-8899-aabbccddeeff',
    );
  });

  it('when tickets are sorted by their inverted form ascending, then they are in descending value order', () => {
    const tickets = Array.from({ length: 500 }, () => formatTicket(randomBytes(16)));
    const byInverted = [...tickets].sort((a, b) => (invertTicket(a) < invertTicket(b) ? -1 : 1));
    expect(byInverted).toEqual([...tickets].sort().reverse());
    expect(invertTicket('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe('f07052a4-2634-b960-5e9a-8f7988d76af1');
  });
});

describe('keepBestTickets', () => {
  it('when tickets are drawn, then the k highest of the held and the new ones are kept, highest first', () => {
    const { randomBytes: source, drawnHex } = recordingRandomBytes(seededRandomBytes('keep'));
    const first = keepBestTickets([], 7, 3, source);
    const second = keepBestTickets(first, 9000, 3, source);
    const expected = [...drawnHex].sort().reverse().slice(0, 3).map(asTicket);
    expect(drawnHex).toHaveLength(9007);
    expect(second).toEqual(expected);
  });

  it('when fewer tickets than k were drawn, then all of them are kept', () => {
    expect(keepBestTickets([], 2, 5, seededRandomBytes('few'))).toHaveLength(2);
  });

  it('when k shrinks, then only the new k best are kept', () => {
    const held = ['ff000000-0000-0000-0000-000000000000', '00000000-0000-0000-0000-000000000001'];
    const kept = keepBestTickets(held, 1, 1, () => Buffer.alloc(16));
    expect(kept).toEqual(['ff000000-0000-0000-0000-000000000000']);
  });
});
