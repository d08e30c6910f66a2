import type { Contest } from './contest';
import type { ContestPeriod } from './contest-period';

/**
 * The draw id of one contest period, `${utm_content}-${start}-to-${end}` (dates `YYYY-MM-DD`, end included).
 * It is also the base name of the SCA entries file (`.txt`) and its hash file (`.hsh`).
 *
 * @example
 * scaDrawId(contest, period); // 'spring-sweeps-2026-03-01-to-2026-03-31'
 */
export function scaDrawId(
  contest: Pick<Contest, 'utmContent'>,
  period: Pick<ContestPeriod, 'start' | 'end'>,
): string {
  return `${contest.utmContent}-${period.start}-to-${period.end}`;
}

/** The names SCA receives for a draw: the entries file and its sha256 file. */
export interface ScaFileNames {
  txt: string;
  hsh: string;
}

/** `${drawId}.txt` and `${drawId}.hsh`. */
export function scaFileNames(drawId: string): ScaFileNames {
  return { txt: `${drawId}.txt`, hsh: `${drawId}.hsh` };
}

/** The parts of an SCA draw id. */
export interface ScaDrawIdParts {
  utmContent: string;
  start: string;
  end: string;
}

const DRAW_ID = /^(.+)-(\d{4}-\d{2}-\d{2})-to-(\d{4}-\d{2}-\d{2})$/;

/**
 * Splits a draw id made by {@link scaDrawId} back into `utm_content` and the period's dates, or `undefined`
 * when it does not have that shape. The dates are anchored at the end, so a `utm_content` containing
 * `-to-` or dates of its own still splits correctly.
 */
export function parseScaDrawId(drawId: string): ScaDrawIdParts | undefined {
  const match = DRAW_ID.exec(drawId);
  if (match === null) return undefined;
  const [, utmContent, start, end] = match;
  return { utmContent: utmContent!, start: start!, end: end! };
}
