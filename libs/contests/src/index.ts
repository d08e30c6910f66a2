/**
 * @prizedraw/contests — the SCA contests of `aramis.consumer_pathways_contests` as pure logic: parsing and
 * normalizing a row, and the draw periods of a contest in its own time zone (DST-correct, clipped to the
 * contest's dates), with the draw id that also names the SCA entries file. No I/O here.
 *
 * @example
 * import { parseContestRow, periodContaining, periodsEndedBetween, scaDrawId } from '@prizedraw/contests';
 *
 * const parsed = parseContestRow(row);
 * if (!parsed.ok) logger.warn({ contestId: parsed.contestId, reason: parsed.reason }, 'contest skipped');
 * else {
 *   const period = periodContaining(parsed.contest, entry.createdAt); // which draw an entry counts for
 *   for (const ended of periodsEndedBetween(parsed.contest, weekAgo, now)) {
 *     trigger(scaDrawId(parsed.contest, ended)); // 'spring-sweeps-2026-03-01-to-2026-03-07'
 *   }
 * }
 */

export {
  type Contest,
  type ContestRow,
  DEFAULT_SITE,
  DEFAULT_TIMEZONE,
  FREQUENCIES,
  type Frequency,
  RULESETS,
  type Ruleset,
} from './contest';
export type { ContestPeriod, InstantInput } from './contest-period';
export { normalizeRuleset } from './normalize-ruleset';
export { type ParsedContestRow, parseContestRow } from './parse-contest-row';
export { periodContaining } from './period-containing';
export { periodsEndedBetween } from './periods-ended-between';
export {
  parseScaDrawId,
  type ScaDrawIdParts,
  type ScaFileNames,
  scaDrawId,
  scaFileNames,
} from './sca-draw-id';
