import { type Contest, type ContestPeriod, scaDrawId } from '@prizedraw/contests';
import { type DrawDefined, drawDefinedSchema } from '@prizedraw/events';

/** The one prize of every SCA draw: SCA picks the winners, prizedraw only delivers the entries. */
export const SCA_PLACEHOLDER_PRIZE = { prizeId: 'sca', name: 'Drawn by SCA', quantity: 1 } as const;

/**
 * The draw of one contest period: id `${utm_content}-${start}-to-${end}`, open over the period's instants,
 * entries by `utm_content`, administered by SCA, one entry per email when the contest says so.
 */
export function drawDefinitionOf(contest: Contest, period: ContestPeriod): DrawDefined {
  return drawDefinedSchema.parse({
    drawId: scaDrawId(contest, period),
    promoCode: contest.utmContent,
    opensAt: period.startsAt,
    closesAt: period.endsAt,
    timezone: contest.timezone,
    administrator: 'sca',
    maxWinsPerCustomer: 1,
    milestones: [],
    prizes: [SCA_PLACEHOLDER_PRIZE],
    defaultPrize: null,
    tags: ['sca', `site-${contest.site}`],
    dedupeOnEmail: contest.dedupeOnEmail,
  });
}
