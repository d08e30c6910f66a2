import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DrawDefined } from '@prizedraw/events';
import { buildDefinition } from '../../../prize-draw/test/support/builders';
import { type Grant, runInMemoryDraw } from '../../test/support/in-memory-draw';
import { savePublishedDraw } from '../commands/verify';
import { accountProof } from './account-proof';
import type { PublishedDraw } from './published-draw';
import { verifyPublishedDraw } from './verify-published-draw';

const STANDALONE = join(__dirname, '..', '..', '..', '..', 'tools', 'verify-draw.mjs');
const seed = createHash('sha256').update('verify-test-seed').digest();

const definition = (overrides: Partial<DrawDefined> = {}): DrawDefined =>
  buildDefinition({
    prizes: [
      { prizeId: 'gold', name: 'Gold', quantity: 1 },
      { prizeId: 'silver', name: 'Silver', quantity: 5 },
      { prizeId: 'bronze', name: 'Bronze', quantity: 20 },
    ],
    ...overrides,
  });

/** 300 customers, 1–3 grants of 1–12 tickets each, one of 40, interleaved as they would arrive. */
function grants(): Grant[] {
  const list: Grant[] = [];
  for (let round = 0; round < 3; round++)
    for (let c = 0; c < 300; c++)
      if (round === 0 || (c * 7 + round) % 3 === 0)
        list.push({ customerId: `acc-${c}`, tickets: 1 + ((c * 13 + round * 5) % 12) });
  list.push({ customerId: 'ünïcode-£', tickets: 40 });
  return list;
}

/** Runs tools/verify-draw.mjs on the draw as `prizedraw verify --save` writes it. */
async function standalone(draw: PublishedDraw, ...args: string[]) {
  const dir = await mkdtemp(join(tmpdir(), 'verify-draw-'));
  try {
    await savePublishedDraw(dir, draw);
    const run = spawnSync(
      'node',
      [STANDALONE, join(dir, 'record.json'), join(dir, 'results.json'), ...args],
      {
        encoding: 'utf8',
      },
    );
    return { status: run.status, output: run.stdout + run.stderr };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const clone = (draw: PublishedDraw): PublishedDraw => structuredClone(draw);

describe('verifying a draw from its record', () => {
  let draw: PublishedDraw;
  beforeAll(async () => {
    draw = await runInMemoryDraw(definition(), seed, grants());
  });

  it('when the wallet and the draw service ran the draw, then both verifiers recompute every result', async () => {
    expect(draw.record).toMatchObject({ verifiable: true, entrants: 301, winners: 26 });
    expect(draw.record.cutoffOffsets).toEqual(
      [0, 1, 2, 3].map((p) => ({ partition: p, offset: `${100 + p}` })),
    );
    expect(verifyPublishedDraw(draw).problems).toEqual([]);
    const { status, output } = await standalone(draw);
    expect(output).toContain('draw xmas verified: 301 entrants');
    expect(status).toBe(0);
  });

  it('when customers may win twice and everyone else gets a default prize, then both verifiers agree', async () => {
    const twice = await runInMemoryDraw(
      definition({ maxWinsPerCustomer: 2, defaultPrize: { prizeId: 'spins', name: 'Free spins' } }),
      seed,
      grants(),
    );
    expect(verifyPublishedDraw(twice).problems).toEqual([]);
    expect((await standalone(twice)).status).toBe(0);
  });

  it('when an entrant asks for their proof, then it leads to the entries root with their recomputed tickets', async () => {
    const proof = accountProof(draw, 'ünïcode-£')!;
    expect(proof.root).toBe(draw.record.entriesRoot);
    expect(proof.recomputed).toHaveLength(40);
    const result = draw.results.find((r) => r.accountId === 'ünïcode-£')!;
    expect([...proof.recomputed].sort().at(-1)).toBe(result.ticket);
    const { status, output } = await standalone(draw, '--account', 'ünïcode-£');
    expect(output).toContain(`root ${draw.record.entriesRoot} is entriesRoot`);
    expect(output).toContain(`40 ${proof.recomputed[39]}`);
    expect(status).toBe(0);
  });

  it('when one result is altered, then both verifiers name the entrant and the field', async () => {
    const altered = clone(draw);
    const loser = altered.results.find((r) => r.outcome === 'lost')!;
    Object.assign(loser, { outcome: 'won', prize: { prizeId: 'gold', name: 'Gold' } });
    const problems = verifyPublishedDraw(altered).problems;
    expect(problems).toContain(`entrant ${loser.accountId}: published outcome "won", recomputed "lost"`);
    expect(problems).toContain("the published results do not hash to the record's resultsHash");
    const { status, output } = await standalone(altered);
    expect(output).toContain(`entrant ${loser.accountId}: published outcome "won", recomputed "lost"`);
    expect(status).toBe(1);
  });

  it("when one entry's ticket count is altered, then both verifiers name the entries root and the entrant", async () => {
    const altered = clone(draw);
    const entry = altered.entries.find((e) => e.accountId === 'acc-17')!;
    entry.tickets += 1;
    const problems = verifyPublishedDraw(altered).problems;
    expect(problems).toContain(
      `the entries do not hash to the record's entriesRoot ${draw.record.entriesRoot}`,
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^entrant acc-17: published tickets \d+, recomputed \d+$/),
    );
    const { status, output } = await standalone(altered);
    expect(output).toContain('the entries do not hash to entriesRoot');
    expect(output).toMatch(/entrant acc-17: published tickets/);
    expect(status).toBe(1);
  });

  it('when the revealed seed is altered, then both verifiers say it does not match the commitment', async () => {
    const altered = clone(draw);
    altered.record.seed = createHash('sha256').update('another seed').digest('hex');
    const problems = verifyPublishedDraw(altered).problems;
    expect(problems[0]).toBe(
      `the revealed seed does not match the definition's seedCommitment ${draw.record.definition.seedCommitment}`,
    );
    const { status, output } = await standalone(altered);
    expect(output).toContain("differs: the revealed seed does not match the definition's seedCommitment");
    expect(status).toBe(1);
  });

  describe('when the would-be gold winner is excluded at draw time', () => {
    let excludedDraw: PublishedDraw;
    let goldWinner: string;
    beforeAll(async () => {
      goldWinner = draw.results.find((r) => r.prize?.prizeId === 'gold')!.accountId;
      // Excluded, lifted, excluded again: the last change before the markers counts; acc-5 is lifted.
      excludedDraw = await runInMemoryDraw(definition(), seed, grants(), [
        { customerId: goldWinner, excluded: true },
        { customerId: goldWinner, excluded: false },
        { customerId: 'acc-5', excluded: true },
        { customerId: goldWinner, excluded: true },
        { customerId: 'acc-5', excluded: false },
      ]);
    });

    it('then the next ticket takes the gold, the entrant loses, the record lists them and both verifiers agree', async () => {
      const { results, record } = excludedDraw;
      const excluded = results.find((r) => r.accountId === goldWinner)!;
      expect(excluded).toMatchObject({ outcome: 'lost', prize: null, rank: 1, excluded: true });
      const gold = results.find((r) => r.prize?.prizeId === 'gold')!;
      expect(gold.rank).toBe(2);
      expect(record.excluded).toEqual([goldWinner]);
      expect(record.exclusionOffsets).toHaveLength(4);
      expect(record.winners).toBe(26);
      expect(verifyPublishedDraw(excludedDraw).problems).toEqual([]);
      expect((await standalone(excludedDraw)).status).toBe(0);
    });

    it('when the record drops the exclusion, then both verifiers name the entrant whose result differs', async () => {
      const altered = clone(excludedDraw);
      altered.record.excluded = [];
      const problems = verifyPublishedDraw(altered).problems;
      expect(problems).toContain(`entrant ${goldWinner}: published outcome "lost", recomputed "won"`);
      expect(problems).toContain(`entrant ${goldWinner}: published excluded true, recomputed undefined`);
      const { status, output } = await standalone(altered);
      expect(output).toContain(`differs: entrant ${goldWinner}: published outcome "lost", recomputed "won"`);
      expect(status).toBe(1);
    });

    it('when customers may win twice and others get a default prize, then an excluded entrant gets neither and both verifiers agree', async () => {
      const rules = definition({
        maxWinsPerCustomer: 2,
        defaultPrize: { prizeId: 'spins', name: 'Free spins' },
      });
      const twice = await runInMemoryDraw(rules, seed, grants(), [
        { customerId: goldWinner, excluded: true },
        { customerId: 'ünïcode-£', excluded: true },
      ]);
      for (const accountId of [goldWinner, 'ünïcode-£'])
        expect(twice.results.find((r) => r.accountId === accountId)).toMatchObject({
          outcome: 'lost',
          prize: null,
          excluded: true,
        });
      // Everyone else wins something (the default prize at least): only the two excluded lose.
      const losers = twice.results.filter((r) => r.outcome === 'lost').map((r) => r.accountId);
      expect(losers.sort()).toEqual([goldWinner, 'ünïcode-£'].sort());
      expect(twice.record.winners).toBe(twice.record.entrants - 2);
      expect(verifyPublishedDraw(twice).problems).toEqual([]);
      expect((await standalone(twice)).status).toBe(0);
    });

    it('when the record names an excluded customer who did not enter, then both verifiers say so', async () => {
      const altered = clone(excludedDraw);
      altered.record.excluded = [goldWinner, 'zz-nobody'];
      expect(verifyPublishedDraw(altered).problems).toEqual(['excluded zz-nobody is not in the entry list']);
      const { status, output } = await standalone(altered);
      expect(output).toContain('differs: excluded zz-nobody is not in the entry list');
      expect(status).toBe(1);
    });
  });

  describe('an SCA draw, which SCA draws from the exported file', () => {
    let sca: PublishedDraw;
    beforeAll(async () => {
      sca = await runInMemoryDraw(definition({ administrator: 'sca' }), seed, grants(), [
        { customerId: 'acc-7', excluded: true },
      ]);
    });

    it('when its record lists the entries and the skip and nobody published a result, then both verifiers pass it', async () => {
      expect(sca.results).toEqual([]);
      expect(sca.record).toMatchObject({ verifiable: false, entrants: 301, winners: 0, excluded: ['acc-7'] });
      expect(verifyPublishedDraw(sca).problems).toEqual([]);
      const { status, output } = await standalone(sca);
      expect(output).toContain('draw xmas verified: 301 entrants');
      expect(output).toContain('SCA draws the winners');
      expect(status).toBe(0);
    });

    it('when an entry count or the skip is altered or a result is published, then both verifiers name it', async () => {
      const altered = clone(sca);
      altered.entries[0]!.tickets += 1;
      altered.record.excluded = ['zz-nobody'];
      altered.results = [draw.results[0]!];
      const problems = verifyPublishedDraw(altered).problems;
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^the entries do not hash to the record's entriesRoot/),
          'excluded zz-nobody is not in the entry list',
          'SCA draws the winners, yet 1 results were published',
        ]),
      );
      const { status, output } = await standalone(altered);
      expect(output).toContain('differs: the entries do not hash to entriesRoot');
      expect(output).toContain('differs: excluded zz-nobody is not in the entry list');
      expect(output).toContain('differs: SCA draws the winners, yet 1 results were published');
      expect(status).toBe(1);
    });
  });
});
