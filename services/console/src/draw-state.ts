import type { DrawDefined } from '@prizedraw/events';
import type { DrawProgress } from './draw-progress';

/** Where a draw is in its life, as the console shows it. */
export type DrawState = 'scheduled' | 'open' | 'closing' | 'drawing' | 'completed' | 'skipped-sca';

/**
 * The state of `draw` at `now`: completed once its draw-completed is seen; an SCA draw once triggered is
 * skipped for SCA (prize-draw leaves it alone: SCA draws the winners from the exported entries); drawing once
 * triggered (or results arrive); otherwise by its window — scheduled before it opens, open until it closes, then closing (closed,
 * waiting for its trigger).
 */
export function drawStateOf(draw: DrawDefined, progress: DrawProgress | undefined, now: number): DrawState {
  if (progress?.completed) return 'completed';
  if (draw.administrator === 'sca' && progress?.triggeredAt !== undefined) return 'skipped-sca';
  if (progress && (progress.triggeredAt !== undefined || progress.results > 0)) return 'drawing';
  if (now < Date.parse(draw.opensAt)) return 'scheduled';
  if (now < Date.parse(draw.closesAt)) return 'open';
  return 'closing';
}

// One formatter per zone: building one takes ~50 µs, and the draw list formats two instants of every draw.
const wallClocks = new Map<string, Intl.DateTimeFormat>();

/** `iso` as the wall-clock time of `timeZone`, e.g. `2026-12-24 18:00 Europe/London`. */
export function inTimeZone(iso: string, timeZone: string): string {
  let wallClock = wallClocks.get(timeZone);
  if (wallClock === undefined) {
    wallClock = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    wallClocks.set(timeZone, wallClock);
  }
  const parts = wallClock.formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} ${timeZone}`;
}

/** The draws latest closing first (by instant, whatever their offsets), then by draw id: a total order. */
export function latestClosingFirst(draws: readonly DrawDefined[]): DrawDefined[] {
  return draws
    .map((draw) => ({ draw, closesAt: Date.parse(draw.closesAt) }))
    .sort((a, b) => b.closesAt - a.closesAt || (a.draw.drawId < b.draw.drawId ? -1 : 1))
    .map(({ draw }) => draw);
}
