import type { DrawDefined } from '@prizedraw/events';
import { say, table } from '../output';
import type { ActivityLoad } from './generate-activity';
import type { NotificationsFigures } from './notifications-figures';
import type { DrawOutcome } from './watch-results';

/** What the demo saw, beside the load it sent. */
export interface DemoFigures {
  draw: DrawDefined;
  customers: number;
  load: ActivityLoad;
  outcome: DrawOutcome;
  deadLettered: number;
  duplicatesDropped: number;
  /** Milliseconds since the epoch: first record sent, last record sent, draw completed seen. */
  times: { started: number; sent: number; completed: number };
  /** What notifications made of the results and milestones. */
  notifications: NotificationsFigures;
}

/** Where a prize name stands in the draw's table: best prize first, then the default, then no prize. */
function prizeOrder(draw: DrawDefined, name: string): number {
  const index = draw.prizes.findIndex((p) => p.name === name);
  if (index >= 0) return index;
  return name === draw.defaultPrize?.name ? draw.prizes.length : draw.prizes.length + 1;
}

/** The figures that disagree with the load; empty when the pipeline did exactly what it should. */
export function demoProblems({
  load,
  outcome,
  deadLettered,
  duplicatesDropped,
  notifications,
}: DemoFigures): string[] {
  const completed = outcome.completed!;
  const tickets = [...load.expectedTickets.values()].reduce((a, b) => a + b, 0);
  return [
    completed.entrants !== load.expectedTickets.size && 'entrants differ from customers with tickets',
    completed.tickets !== tickets && `tickets differ from the ${tickets} the load earned`,
    outcome.repeated.size > 0 && `${outcome.repeated.size} customers got more than one result`,
    outcome.miscounted.size > 0 && `${outcome.miscounted.size} customers hold the wrong ticket count`,
    deadLettered !== load.malformed && `${deadLettered} dead-lettered, ${load.malformed} broken records sent`,
    // Each repeat is a copy of a valid record: dedupe drops every copy after the first it reads.
    duplicatesDropped !== load.duplicates &&
      `${duplicatesDropped} repeats dropped by dedupe, ${load.duplicates} sent`,
    // Every entrant's result is told (delivered or queued); milestone messages come on top.
    notifications.delivered + notifications.queued < completed.entrants &&
      `${notifications.delivered + notifications.queued} messages delivered or queued for ${completed.entrants} entrants`,
  ].filter((p): p is string => typeof p === 'string');
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

/** Prints the load, the draw and the timings as tables, then the checks. */
export function printDemoSummary(figures: DemoFigures): string[] {
  const { draw, customers, load, outcome, times } = figures;
  const completed = outcome.completed!;
  table('load', [
    ['customers', customers],
    ['stakes', load.stakes],
    ['ticket awards', load.awards],
    ['repeats sent (upstream retries)', load.duplicates],
    ['broken records sent', load.malformed],
    ['records sent', load.records],
  ]);
  table(`draw ${draw.drawId}`, [
    ['entrants', completed.entrants],
    ['tickets', completed.tickets],
    ['winners', completed.winners],
    ...[...outcome.byPrize]
      .sort(([a], [b]) => prizeOrder(draw, a) - prizeOrder(draw, b))
      .map(([name, { count, won }]) => [`  ${won ? 'won' : 'lost'}: ${name}`, count] as const),
    ['late tickets', completed.lateTickets],
    ['repeats dropped by dedupe', figures.duplicatesDropped],
    ['records in the dead-letter topic', figures.deadLettered],
  ]);
  table('customers told (notifications)', [
    ['delivered on site', figures.notifications.delivered],
    ['queued for later', figures.notifications.queued],
    ...figures.notifications.byReason.map(([label, count]) => [`  ${label}`, count] as const),
  ]);
  table('timings', [
    ['activity sent in, s', seconds(times.sent - times.started)],
    ['first record sent → draw completed, s', seconds(times.completed - times.started)],
    ['trigger → draw completed, s', seconds(times.completed - times.sent)],
    ['records per second, end to end', Math.round((load.records * 1000) / (times.completed - times.started))],
  ]);
  const problems = demoProblems(figures);
  say(
    problems.length === 0
      ? '\nchecks: every figure matches the load.'
      : `\nchecks FAILED:\n  ${problems.join('\n  ')}`,
  );
  return problems;
}
