import type { DrawDefined, DrawRules } from '@prizedraw/events';

/** The slice of a draw definition the later stages need, so they never look a definition up. */
export function drawRulesOf(draw: DrawDefined): DrawRules {
  const { administrator, closesAt, stakePerTicketMinor, maxWinsPerCustomer, milestones, dedupeOnEmail } =
    draw;
  return {
    administrator,
    closesAt,
    ...(stakePerTicketMinor === undefined ? {} : { stakePerTicketMinor }),
    maxWinsPerCustomer,
    milestones: [...milestones],
    dedupeOnEmail,
  };
}
