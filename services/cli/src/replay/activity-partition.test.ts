import { EVENT_TYPES, PIPELINE_EVENT_TYPES, topicNames } from '@prizedraw/events';
import { InMemoryDrawDefinitions } from '@prizedraw/service';
import type { TestInput } from '@prizedraw/stream';
import { buildDrawDefinition, eventInput } from '../../../../test/support/pipeline-inputs';
import { grantStages, runStages } from './replay-entries';

const topics = topicNames();

/** Each stake's partition of the activity topic, and the header its grant reaches the wallet with. */
describe('the activity partition through the pipeline', () => {
  it('when activity passes ingestion, enrichment, dedupe and ticket-rules, then its grant names the activity partition it came through', async () => {
    const stages = grantStages(topics, new InMemoryDrawDefinitions([buildDrawDefinition()]));
    const stake = (accountId: string, partition: number): TestInput =>
      eventInput(
        EVENT_TYPES.stake,
        { accountId, promoCode: 'XMAS', activityId: `bet-${accountId}`, stakeMinor: 2000, currency: 'GBP' },
        { key: accountId, partition, id: `bet-${accountId}` },
      );
    const activity = ['ann', 'bob', 'cat', 'dan'].map((accountId, i) => stake(accountId, i % 2));
    const records = await runStages(stages, activity, 2);
    const grants = records.filter((r) => String(r.headers?.ce_type) === PIPELINE_EVENT_TYPES.ticketsGranted);
    expect(grants.map((r) => [r.key, String(r.headers?.ce_activitypartition)]).sort()).toEqual([
      ['ann', '0'],
      ['bob', '1'],
      ['cat', '0'],
      ['dan', '1'],
    ]);
  });
});
