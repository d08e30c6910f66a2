import { bind, stamp, toCloudEvent } from './binder';
import type { PrizedrawCloudEvent } from './cloud-event';

const input = (overrides: Partial<PrizedrawCloudEvent> = {}): PrizedrawCloudEvent => ({
  id: 'in-1',
  source: '/upstream',
  type: 'prizedraw.stake.v1',
  specversion: '1.0',
  time: '2024-11-22T02:00:00.000Z',
  data: {},
  extensions: {},
  timeline: [],
  ...overrides,
});

describe('bind', () => {
  it('when the input has a timeline, then copies it', () => {
    const timeline = [{ stage: 'occurred', at: 1 }];
    const binder = bind({ n: 1 }, input({ timeline }));
    expect(binder).toEqual({ data: { n: 1 }, timeline });
    expect(binder.timeline).not.toBe(timeline);
  });

  it('when the input has no timeline, then starts one at the event time', () => {
    expect(bind('x', input()).timeline).toEqual([
      { stage: 'occurred', at: Date.parse('2024-11-22T02:00:00Z') },
    ]);
  });

  it('when there is no input, then starts empty', () => {
    expect(bind('x').timeline).toEqual([]);
  });
});

describe('stamp', () => {
  it('appends a stamp to a copy', () => {
    const before = bind('x', input({ timeline: [{ stage: 'occurred', at: 1 }] }));
    const after = stamp(before, 'ingestion.in', 5);
    expect(after.timeline).toEqual([
      { stage: 'occurred', at: 1 },
      { stage: 'ingestion.in', at: 5 },
    ]);
    expect(before.timeline).toHaveLength(1);
  });

  it('defaults to now', () => {
    const now = Date.now();
    expect(stamp(bind('x'), 'a').timeline[0]!.at).toBeGreaterThanOrEqual(now);
  });

  it('when the stage is not [a-z0-9.-]+, then throws', () => {
    expect(() => stamp(bind('x'), 'Ingestion In')).toThrow(RangeError);
  });
});

describe('toCloudEvent', () => {
  it('carries data, attributes and the timeline', () => {
    const binder = stamp(
      bind({ drawId: 'd1' }, input({ timeline: [{ stage: 'occurred', at: 1 }] })),
      'x.out',
      2,
    );
    const event = toCloudEvent(binder, {
      type: 'prizedraw.draw-trigger.v1',
      source: '/prizedraw/test',
      subject: 'd1',
      id: 'id-1',
      time: '2024-11-22T03:00:00+01:00',
      extensions: { brand: 'demo' },
    });
    expect(event).toEqual({
      id: 'id-1',
      source: '/prizedraw/test',
      type: 'prizedraw.draw-trigger.v1',
      specversion: '1.0',
      time: '2024-11-22T03:00:00+01:00',
      subject: 'd1',
      datacontenttype: 'application/json',
      data: { drawId: 'd1' },
      extensions: { brand: 'demo' },
      timeline: [
        { stage: 'occurred', at: 1 },
        { stage: 'x.out', at: 2 },
      ],
    });
  });

  it('when the timeline is empty, then opens it with occurred at the event time', () => {
    const event = toCloudEvent(bind('x'), { type: 't', source: '/s', time: '2024-11-22T00:00:00Z' });
    expect(event.timeline).toEqual([{ stage: 'occurred', at: Date.parse('2024-11-22T00:00:00Z') }]);
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when time is not a date-time, then throws', () => {
    expect(() => toCloudEvent(bind('x'), { type: 't', source: '/s', time: 'yesterday' })).toThrow(RangeError);
  });

  it('when events alternate between times given and the clock, then each has its own', () => {
    const opened = (time?: string) =>
      toCloudEvent(bind('x'), { type: 't', source: '/s', ...(time && { time }) });
    const offset = '2024-11-22T01:00:00+01:00';
    const utc = '2024-11-22T09:30:00.000Z';
    for (const time of [offset, utc, offset, utc]) {
      const event = opened(time);
      expect(event.time).toBe(time);
      expect(event.timeline[0]!.at).toBe(Date.parse(time));
    }
    // The clock's time is written by toISOString, never as a given time of the same instant was spelt.
    const before = Date.now();
    const clocked = opened();
    expect(clocked.time).toBe(new Date(clocked.timeline[0]!.at).toISOString());
    expect(clocked.timeline[0]!.at).toBeGreaterThanOrEqual(before);
    expect(() => opened('yesterday')).toThrow(RangeError);
    expect(opened(offset).time).toBe(offset);
  });
});
