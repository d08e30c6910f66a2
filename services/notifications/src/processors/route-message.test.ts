import { messageIdOf } from './message-id';
import { dropReasonOf, isMonday, routeOf } from './route-message';

const options = { timeZone: 'Europe/London', gateway: true };

describe('routing a message', () => {
  it('when it is Monday in the brand time zone but still Sunday in UTC, then a reward is queued', () => {
    // 23:30 UTC on Sunday 2026-06-28 is 00:30 BST on Monday the 29th.
    const mondayInLondon = new Date('2026-06-28T23:30:00Z');
    expect(isMonday(mondayInLondon, 'UTC')).toBe(false);
    expect(routeOf({ messageType: 'REWARD_AWARDED' }, mondayInLondon, options)).toEqual({
      to: 'queue',
      reason: 'monday',
    });
    expect(
      routeOf({ messageType: 'REWARD_AWARDED' }, mondayInLondon, { ...options, timeZone: 'UTC' }),
    ).toEqual({
      to: 'onsite',
    });
  });

  it('when it is Monday, then every other message type tries the gateway first', () => {
    const monday = new Date('2026-11-30T12:00:00Z');
    for (const messageType of ['DRAW_RESULT', 'MILESTONE', 'UNQUALIFICATION'] as const) {
      expect(routeOf({ messageType }, monday, options)).toEqual({ to: 'onsite' });
    }
  });

  it('when there is no gateway, then every message is queued', () => {
    expect(routeOf({ messageType: 'MILESTONE' }, new Date(), { ...options, gateway: false })).toEqual({
      to: 'queue',
      reason: 'no-gateway',
    });
  });

  it('when a message has no delivery preference or has expired, then it is dropped with that reason', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    expect(dropReasonOf({ expiresAt: '2026-12-02T00:00:00Z' }, now)).toBe('no-delivery-preference');
    const toast = { deliveryPreference: 'toast' };
    expect(dropReasonOf({ ...toast, expiresAt: '2026-12-01T00:00:00Z' }, now)).toBe('expired');
    expect(dropReasonOf({ ...toast, expiresAt: '2026-12-01T00:00:01Z' }, now)).toBeUndefined();
  });
});

describe('message ids', () => {
  it('when the same source event is made into a message twice, then the id is the same UUID v5; another type differs', () => {
    const id = messageIdOf('xmas:result:ann', 'REWARD_AWARDED');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(messageIdOf('xmas:result:ann', 'REWARD_AWARDED')).toBe(id);
    expect(messageIdOf('xmas:result:ann', 'DRAW_RESULT')).not.toBe(id);
    expect(messageIdOf('xmas:result:bob', 'REWARD_AWARDED')).not.toBe(id);
  });
});
