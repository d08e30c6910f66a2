import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  bind,
  type DrawRecord,
  type DrawResult,
  EVENT_TYPES,
  encodeEvent,
  SeedDirectory,
  toCloudEvent,
} from '@prizedraw/events';
import { decideResults, rulesOf } from '@prizedraw/prize-draw';
import { derivedTickets, keepBestTickets } from '@prizedraw/ticket-wallet';
import { committedTotal, produce } from '../support/kafka';
import { waitUntil } from '../support/wait-until';
import { buildActivityLoad } from './support/activity-load';
import { createDeployment, type Deployment, e2eDraw } from './support/deployment';
import { expectDrawInvariants, readDrawOutcome } from './support/draw-checks';
import { type PipelineProcesses, startPipelineProcesses } from './support/pipeline-processes';
import { customersCommand, seedDirectory, verifyDraw, withCommittedSeed } from './support/verify-draw';

// Exclusions at draw time on the real broker, 8 partitions: the customer who would win the car is excluded
// with `prizedraw customers exclude` before the trigger, another one excluded and lifted again.

/** Offsets the wallets' group has committed on the exclusions topic, all partitions together. */
const exclusionsApplied = ({ env, topics }: Deployment) =>
  committedTotal(`prizedraw-${env.BRAND}-ticket-wallet`, topics.exclusions);

describe('exclusions at draw time, end to end', () => {
  let pipeline: PipelineProcesses | undefined;
  afterEach(() => pipeline?.stop(), 60_000);

  it('when the would-be car winner is excluded before the trigger, then the next ticket takes the car, the record lists the skip and both verifiers check it', async () => {
    const deployment = await createDeployment();
    const { env, topics } = deployment;
    const seedDir = await seedDirectory();
    const draw = await withCommittedSeed(e2eDraw(`draw-${env.BRAND}`), seedDir);
    await deployment.define(draw);
    pipeline = await startPipelineProcesses({ ...env, SEED_DIR: seedDir });
    const load = buildActivityLoad({
      customers: 400,
      promoCode: draw.promoCode,
      stakePerTicketMinor: 50,
      seed: 9,
    });
    await produce(topics.activity, load.messages);

    // Who would win, from the seed and the counts the activity earns (the verifiers' own rules).
    const seed = await new SeedDirectory(seedDir).readOrCreate(draw.drawId);
    const kept = [...load.expectedTickets].flatMap(([customerId, tickets]) =>
      keepBestTickets(
        [],
        tickets,
        draw.maxWinsPerCustomer,
        derivedTickets(seed, draw.drawId, customerId, 1),
      ).map((ticket) => ({ customerId, ticket, tickets })),
    );
    const unexcluded = decideResults(draw.drawId, rulesOf(draw), kept);
    const carWinner = unexcluded.find((r) => r.prize?.prizeId === 'car')!.accountId;
    const lifted = unexcluded.find((r) => r.prize?.prizeId === 'trip')!.accountId;

    const excludeCar = await customersCommand(env, 'exclude', carWinner, '--reason', 'self-exclusion');
    expect(excludeCar.output).toContain(`excluded ${carWinner} on ${topics.exclusions}`);
    expect((await customersCommand(env, 'exclude', lifted)).status).toBe(0);
    expect((await customersCommand(env, 'include', lifted)).status).toBe(0);
    // The wallets must have read them before the markers reach them: "as of the marker" is the rule.
    await waitUntil(
      'the wallets applied the exclusions',
      async () => (await exclusionsApplied(deployment)) === 3,
    );

    await deployment.trigger(draw.drawId);
    const outcome = await readDrawOutcome(topics.results, draw.drawId);
    expectDrawInvariants(outcome, draw, load.expectedTickets);

    const expected = decideResults(
      draw.drawId,
      rulesOf(draw),
      kept.map((k) => (k.customerId === carWinner ? { ...k, excluded: true as const } : k)),
    );
    const byAccount = new Map(outcome.results.map((r: DrawResult) => [r.accountId, r]));
    expect(byAccount.get(carWinner)).toMatchObject({ outcome: 'lost', prize: null, rank: 1, excluded: true });
    const newCarWinner = expected.find((r) => r.prize?.prizeId === 'car')!.accountId;
    expect(newCarWinner).not.toBe(carWinner);
    expect(byAccount.get(newCarWinner)?.prize?.prizeId).toBe('car');
    expect(byAccount.get(lifted)?.outcome).toBe('won');

    const { cli, standalone, saved } = await verifyDraw(env, draw.drawId);
    expect(cli.output).toContain(`draw ${draw.drawId} verified`);
    expect(cli.status).toBe(0);
    expect(standalone.output).toContain(`draw ${draw.drawId} verified`);
    expect(standalone.status).toBe(0);
    const { entries: _entries, ...record } = JSON.parse(
      await readFile(join(saved, 'record.json'), 'utf8'),
    ) as DrawRecord & {
      entries: unknown;
    };
    expect(record.excluded).toEqual([carWinner]);
    expect(record.exclusionOffsets).toHaveLength(8);

    const publishAltered = (changed: Partial<DrawRecord>) => {
      const event = toCloudEvent(bind({ ...record, ...changed }), {
        type: EVENT_TYPES.drawRecord,
        source: '/e2e/insider',
      });
      return produce(topics.records, [encodeEvent(event, { key: draw.drawId })]);
    };
    // An insider moves the exclusion offsets back to the start: the record claims a status the topic did not
    // have there, which only the verifier reading Kafka can see.
    await publishAltered({ exclusionOffsets: record.exclusionOffsets!.map((o) => ({ ...o, offset: '0' })) });
    const moved = await verifyDraw(env, draw.drawId);
    expect(moved.cli.output).toContain(
      `differs: entrant ${carWinner}: excluded in the record, not on the exclusions topic before the offsets`,
    );
    expect(moved.cli.status).toBe(1);

    // An insider drops the skip from the record: the results no longer follow, and the topic says otherwise.
    await publishAltered({ excluded: [] });
    const after = await verifyDraw(env, draw.drawId);
    expect(after.cli.output).toContain(
      `differs: entrant ${carWinner}: published outcome "lost", recomputed "won"`,
    );
    expect(after.cli.output).toContain(
      `differs: entrant ${carWinner}: excluded on the exclusions topic before the offsets, not in the record`,
    );
    expect(after.cli.status).toBe(1);
    expect(after.standalone.output).toContain(
      `differs: entrant ${carWinner}: published outcome "lost", recomputed "won"`,
    );
    expect(after.standalone.status).toBe(1);
  }, 180_000);
});
