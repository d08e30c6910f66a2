import type { CustomerMessage } from '@prizedraw/events';
import { CustomerMessageLog, messageStatusOf, type QueuedMessageRecord } from './customer-messages';

const message = (messageId: string, customerId = 'c-1', expiresAt = '2026-12-31T00:00:00Z') =>
  ({ messageId, customerId, expiresAt, source: { type: 'x', id: `src-${messageId}` } }) as CustomerMessage;
const record = (messageId: string, offset = '5', customerId = 'c-1'): QueuedMessageRecord => ({
  message: message(messageId, customerId),
  partition: 0,
  offset,
  queuedAt: 0,
});
const now = Date.parse('2026-12-01T00:00:00Z');

describe('messageStatusOf', () => {
  const facts = { stored: false, deleteNamed: false, committed: 6n };
  it('when the queue still holds the message, then it is waiting, or expired once past its expiry', () => {
    expect(messageStatusOf(record('m'), { ...facts, stored: true }, now)).toBe('waiting');
    expect(messageStatusOf(record('m'), { ...facts, stored: true }, Date.parse('2027-01-01T00:00:00Z'))).toBe(
      'expired',
    );
  });
  it('when the queue has not committed past its offset, then it is not read yet, whatever the table says', () => {
    expect(messageStatusOf(record('m', '6'), facts, now)).toBe('not-read');
    expect(messageStatusOf(record('m'), { ...facts, committed: undefined }, now)).toBe('not-read');
  });
  it('when the queue read it and no longer holds it, then a delete named it, it expired, or it was delivered', () => {
    expect(messageStatusOf(record('m'), { ...facts, deleteNamed: true }, now)).toBe('deleted');
    expect(messageStatusOf(record('m'), facts, Date.parse('2027-01-01T00:00:00Z'))).toBe('expired');
    expect(messageStatusOf(record('m'), facts, now)).toBe('delivered');
  });
});

describe('CustomerMessageLog', () => {
  it('when more messages come than kept, then the latest are kept newest first, each id once', () => {
    const log = new CustomerMessageLog(2, 10);
    for (const id of ['a', 'b', 'b', 'c']) log.add(record(id));
    expect(log.of('c-1').map((r) => r.message.messageId)).toEqual(['c', 'b']);
  });
  it('when delivered and queued messages arrive out of time order, then they are kept and listed by time', () => {
    const log = new CustomerMessageLog(2, 10);
    log.add({ ...record('late'), queuedAt: 30 });
    log.add({ message: message('onsite'), deliveredAt: 20, by: 'notifications' });
    log.add({ ...record('early'), queuedAt: 10 });
    expect(log.of('c-1').map((r) => r.message.messageId)).toEqual(['late', 'onsite']);
  });
  it('when the queue record and the queue’s delivered event come in either order, then one record has both times', () => {
    const log = new CustomerMessageLog(5, 10);
    const delivered = { message: message('q'), deliveredAt: 40, by: 'message-queue' } as const;
    log.add({ ...record('q'), queuedAt: 10 });
    log.add(delivered);
    log.add({ ...record('r'), queuedAt: 20 });
    log.add({ ...delivered, message: message('r'), deliveredAt: 50 });
    log.add(delivered);
    expect(log.of('c-1')).toEqual([
      { ...record('r'), queuedAt: 20, deliveredAt: 50 },
      { ...record('q'), queuedAt: 10, deliveredAt: 40 },
    ]);
    const other = new CustomerMessageLog(5, 10);
    other.add(delivered);
    other.add({ ...record('q'), queuedAt: 10 });
    expect(other.of('c-1')).toEqual([{ ...record('q'), queuedAt: 10, deliveredAt: 40 }]);
    expect(
      messageStatusOf(
        other.of('c-1')[0] as QueuedMessageRecord,
        { stored: false, deleteNamed: false, committed: undefined },
        now,
      ),
    ).toBe('delivered');
  });
  it('when more customers come than kept, then the one least recently queued to is forgotten', () => {
    const log = new CustomerMessageLog(5, 2);
    log.add(record('a', '1', 'c-1'));
    log.add(record('b', '2', 'c-2'));
    log.add(record('c', '3', 'c-1'));
    log.add(record('d', '4', 'c-3'));
    expect(log.of('c-2')).toEqual([]);
    expect(log.of('c-1')).toHaveLength(2);
    expect(log.of('c-3')).toHaveLength(1);
  });
});
