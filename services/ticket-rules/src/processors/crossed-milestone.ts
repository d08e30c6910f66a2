/**
 * Whether going from `before` to `after` tickets reached or passed one of the milestones: with milestones
 * [1, 10], 0 → 1 and 8 → 12 do, 10 → 11 does not.
 */
export function crossedMilestone(before: number, after: number, milestones: readonly number[]): boolean {
  return milestones.some((milestone) => before < milestone && milestone <= after);
}
