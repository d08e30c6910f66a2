import type { DemoLoad } from './demo-load';

/** Events of the demo's campaign read back from `{brand}.instant-win.events`. */
export interface DemoEvents {
  readonly drawn: number;
  readonly redeemed: number;
}

/** The demo's figures as tables, and each figure that disagrees with the load (empty when all agree). */
export interface DemoSummary {
  readonly tables: [string, [string, string | number][]][];
  readonly problems: string[];
}

const status = (counts: Map<number, number>, code: number) => counts.get(code) ?? 0;

/** Checks what the service answered and published against what the load sent. */
export function demoSummary(load: DemoLoad, events: DemoEvents): DemoSummary {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => ok || problems.push(problem);
  const repeats = load.drawRequests - load.customers;
  const won = (couponTypeId: string) =>
    load.draws.filter((draw) => draw.coupon?.couponTypeId === couponTypeId).length;
  const typeRows = load.campaignAfter.couponTypes.map((type): [string, string] => {
    const wins = won(type.couponTypeId);
    const expected = type.probability * load.customers;
    check(
      wins === type.totalQuota - type.remaining,
      `${type.name}: ${wins} won, quota shows ${type.totalQuota - type.remaining} taken`,
    );
    check(wins <= Math.min(type.totalQuota, type.dailyQuota), `${type.name}: ${wins} won, over its quota`);
    // Twice the daily quota expected: the quota is spent, and the later winners got no coupon.
    if (expected >= 2 * type.dailyQuota)
      check(wins === type.dailyQuota, `${type.name}: daily quota not spent (${wins})`);
    return [
      `  ${type.name}`,
      `${wins} won (odds ${type.probability}, ~${Math.round(expected)} drawn; quota ${type.totalQuota}, daily ${type.dailyQuota}, left today ${type.dailyRemaining})`,
    ];
  });
  const wins = load.draws.filter((draw) => draw.outcome === 'won').length;
  check(status(load.drawStatuses, 201) === load.customers, 'not every customer drew once');
  check(
    status(load.drawStatuses, 409) === repeats,
    `${status(load.drawStatuses, 409)} answered 409 of ${repeats} repeated presses`,
  );
  check(load.repeatsWithEarlierDraw === repeats, 'a 409 did not repeat the committed draw');
  check(status(load.redeemStatuses, 200) === load.redemptionsTried, 'not every coupon redeemed once');
  check(
    status(load.redeemStatuses, 409) === load.doubleRedemptionsTried,
    'a second redemption was not refused',
  );
  check(events.drawn === load.customers, `${events.drawn} draw events on Kafka for ${load.customers} draws`);
  check(
    events.redeemed === load.redemptionsTried,
    `${events.redeemed} redemption events for ${load.redemptionsTried}`,
  );
  const statuses = (counts: Map<number, number>) =>
    [...counts]
      .sort(([a], [b]) => a - b)
      .map(([code, n]) => `${n} × ${code}`)
      .join(', ');
  return {
    tables: [
      [
        `campaign ${load.campaignAfter.name} (${load.campaignAfter.timeZone}, ${load.campaignAfter.localDate})`,
        [
          ['customers registered', load.customers],
          ['draw requests (one in 20 customers pressed three times at once)', load.drawRequests],
          ['  answered', statuses(load.drawStatuses)],
          ['draws committed', load.draws.length],
          ['  won a coupon', wins],
          ...typeRows,
          ['  no coupon (odds, or a quota spent)', load.draws.length - wins],
          ['coupons redeemed', status(load.redeemStatuses, 200)],
          ['  second redemptions refused (409)', status(load.redeemStatuses, 409)],
          ['events on Kafka: draws / redemptions', `${events.drawn} / ${events.redeemed}`],
        ],
      ],
    ],
    problems,
  };
}
