import type { DrawDefined, EnrichedActivity } from '@prizedraw/events';
import type { Activity } from './activity-of';
import { drawRulesOf } from './draw-rules-of';

/**
 * The activity counted for one draw: its rules attached, and tags = the draw's tags plus the activity kind
 * (so a consumer can filter on tags without reading the payload's kind).
 */
export function enrichActivity(activity: Activity, customerId: string, draw: DrawDefined): EnrichedActivity {
  const { kind, activityId, occurredAt, stakeMinor, tickets, email, entry } = activity;
  return {
    drawId: draw.drawId,
    customerId,
    kind,
    activityId,
    // Normalized to UTC: the event's own `time` may carry an offset and precision the schema would refuse.
    occurredAt: new Date(occurredAt).toISOString(),
    ...(stakeMinor === undefined ? {} : { stakeMinor }),
    ...(tickets === undefined ? {} : { tickets }),
    ...(email === undefined ? {} : { email }),
    draw: drawRulesOf(draw),
    tags: [...new Set([...draw.tags, kind])],
    ...(entry === undefined ? {} : { entry }),
  };
}
