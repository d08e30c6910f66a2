import { ValidationError } from './errors';
import { EVENT_TYPES, eventSchemas, isEventType, PIPELINE_EVENT_TYPES } from './event-schemas';
import { parseEventData } from './parse-event-data';

function validationError(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('parseEventData', () => {
  it('when the data is valid, then returns it', () => {
    expect(parseEventData(EVENT_TYPES.drawTrigger, { drawId: 'd1' })).toEqual({ drawId: 'd1' });
  });

  it('when a field has the wrong type, then the message names its path', () => {
    const error = validationError(() =>
      parseEventData(EVENT_TYPES.stake, {
        accountId: 'a1',
        promoCode: 'p',
        activityId: 'x',
        stakeMinor: '100',
        currency: 'EUR',
      }),
    );
    expect(error.message).toBe('data.stakeMinor: Expected number, received string');
    expect(error.issues).toEqual([{ path: 'data.stakeMinor', message: 'Expected number, received string' }]);
    expect(error.retriable).toBe(false);
    expect(error.eventType).toBe('prizedraw.stake.v1');
  });

  it('when nested fields fail, then paths use dots and indexes and all issues are listed', () => {
    const error = validationError(() =>
      parseEventData(EVENT_TYPES.drawResult, {
        drawId: 'd',
        accountId: 'a',
        outcome: 'won',
        prize: { prizeId: 'p', name: 5 },
        ticket: 't',
        rank: 1,
        tickets: 1,
      }),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual(['data.prize.name', 'data.ticket']);
    expect(error.message).toContain('data.prize.name: Expected string, received number; data.ticket:');
  });

  it('when the data is not an object, then the path is data', () => {
    expect(validationError(() => parseEventData(EVENT_TYPES.drawTrigger, 'd1')).message).toBe(
      'data: Expected object, received string',
    );
  });

  it('when the type is unknown, then the error names type', () => {
    const error = validationError(() =>
      parseEventData('prizedraw.nope.v1', {}, { topic: 't', eventId: 'e' }),
    );
    expect(error.issues[0]!.path).toBe('type');
    expect(error.message).toMatch(/^type: Unknown event type "prizedraw.nope.v1"; known: prizedraw.stake.v1/);
    expect(error).toMatchObject({ topic: 't', eventId: 'e', eventType: 'prizedraw.nope.v1' });
  });

  it('when a key is inherited from Object.prototype, then it is still unknown', () => {
    expect(isEventType('toString')).toBe(false);
    expect(isEventType('__proto__')).toBe(false);
  });

  it('has a schema for every event type', () => {
    expect(Object.keys(eventSchemas).sort()).toEqual(
      [...Object.values(EVENT_TYPES), ...Object.values(PIPELINE_EVENT_TYPES)].sort(),
    );
  });
});
