import type { DrawDefined } from '@prizedraw/events';
import { DrawProgress } from './draw-progress';
import { drawStateOf, inTimeZone } from './draw-state';

const draw = {
  drawId: 'd1',
  opensAt: '2026-12-01T00:00:00Z',
  closesAt: '2026-12-24T18:00:00Z',
  timezone: 'Europe/London',
} as DrawDefined;
const at = (iso: string) => Date.parse(iso);

describe('drawStateOf', () => {
  it('when nothing was seen, then the window decides: scheduled, open, closing', () => {
    expect(drawStateOf(draw, undefined, at('2026-11-30T23:59:59Z'))).toBe('scheduled');
    expect(drawStateOf(draw, undefined, at('2026-12-01T00:00:00Z'))).toBe('open');
    expect(drawStateOf(draw, undefined, at('2026-12-24T18:00:00Z'))).toBe('closing');
  });

  it('when the trigger was seen, then it is drawing; when completed, completed', () => {
    const progress = new DrawProgress(1);
    progress.trigger('2026-12-24T18:00:05Z');
    expect(drawStateOf(draw, progress, at('2026-12-24T18:00:06Z'))).toBe('drawing');
    progress.complete({ drawId: 'd1', entrants: 0, tickets: 0, winners: 0, lateTickets: 0 });
    expect(drawStateOf(draw, progress, at('2026-12-24T18:00:07Z'))).toBe('completed');
  });
});

describe('drawStateOf an SCA draw', () => {
  it('when an SCA draw was triggered, then it is skipped for SCA, not drawing', () => {
    const progress = new DrawProgress(1);
    progress.trigger('2026-12-24T18:00:05Z');
    expect(drawStateOf({ ...draw, administrator: 'sca' }, progress, at('2026-12-24T18:00:06Z'))).toBe(
      'skipped-sca',
    );
  });
});

describe('inTimeZone', () => {
  it('when the zone is in summer time, then the wall clock moves with it', () => {
    expect(inTimeZone('2026-07-01T17:00:00Z', 'Europe/London')).toBe('2026-07-01 18:00 Europe/London');
    expect(inTimeZone('2026-12-24T18:00:00Z', 'Europe/London')).toBe('2026-12-24 18:00 Europe/London');
    expect(inTimeZone('2026-12-24T18:00:00Z', 'America/New_York')).toBe('2026-12-24 13:00 America/New_York');
  });
});
