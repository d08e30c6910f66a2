// Benchmark of verifying a draw: a published draw of N entrants (1 ticket each by default, as bench:draw's
// million) is written as record.json and results.json, then each verifier recomputes it in a process of its
// own: tools/verify-draw.mjs and prizedraw verify's checks. Reports wall time and peak RSS of each against
// the issue's target (1,000,000 entrants: ≤ 10 s, ≤ 300 MB). No servers.
// Run: pnpm bench:verify [-- --entrants 1000000 --tickets 1 --dir DIR]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  canonicalJson,
  DRAW_SCHEME,
  entriesRoot,
  resultsHashOf,
  seedCommitmentOf,
  sha256Hex,
} from '@prizedraw/events';
import { decideResults, rulesOf } from '@prizedraw/prize-draw';
import { derivedTickets, keepBestTickets } from '@prizedraw/ticket-wallet';
import { savePublishedDraw } from '../../services/cli/src/commands/verify';
import { buildDefinition } from '../../services/prize-draw/test/support/builders';
import { benchOptions } from './support/options';

const args = benchOptions({
  entrants: { type: 'string', default: '1000000' },
  tickets: { type: 'string', default: '1' },
  // Publish into DIR and keep it; a DIR that has the files already is verified as it is (no rebuild).
  dir: { type: 'string' },
});
const ENTRANTS = Number(args.entrants);
const TICKETS = Number(args.tickets);
const ROOT = join(__dirname, '..', '..');
const USAGE = join(__dirname, 'support', 'report-usage.mjs');

function publishedDraw() {
  const seed = createHash('sha256').update('bench-verify').digest();
  const definition = buildDefinition({
    drawId: 'bench',
    prizes: [
      { prizeId: 'holiday', name: 'A holiday', quantity: 1 },
      { prizeId: 'cash', name: 'Cash', quantity: 5 },
      { prizeId: 'bet', name: 'Free bet', quantity: 100 },
    ],
    seedCommitment: seedCommitmentOf(seed),
  });
  // Zero-padded ids are already in UTF-8 order.
  const entries = Array.from({ length: ENTRANTS }, (_, i) => ({
    accountId: `acc-${String(i).padStart(9, '0')}`,
    tickets: TICKETS,
  }));
  const kept = entries.flatMap(({ accountId, tickets }) =>
    keepBestTickets([], tickets, 1, derivedTickets(seed, 'bench', accountId, 1)).map((ticket) => ({
      customerId: accountId,
      ticket,
      tickets,
    })),
  );
  const results = decideResults('bench', rulesOf(definition), kept).map(
    ({ prizes: _prizes, ...result }) => result,
  );
  const record = {
    drawId: 'bench',
    scheme: DRAW_SCHEME,
    verifiable: true,
    seed: seed.toString('hex'),
    definition,
    definitionHash: sha256Hex(canonicalJson(definition)),
    activityTopic: 'local.bench.cpp.activity',
    entrants: ENTRANTS,
    tickets: ENTRANTS * TICKETS,
    winners: results.filter((r) => r.outcome === 'won').length,
    lateTickets: 0,
    entriesRoot: entriesRoot(entries),
    entryChunks: Math.ceil(ENTRANTS / 5000),
    resultsHash: resultsHashOf(results),
    completedAt: new Date().toISOString(),
  } as const;
  return { record, entries, results };
}

function measure(label: string, command: string[]) {
  const run = spawnSync(process.execPath, ['--import', USAGE, ...command], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const usage = /bench-usage ([\d.]+) (\d+) ([\d.]+)/.exec(run.stderr);
  const verified = run.status === 0;
  const [seconds, rssMb, cpu] = usage
    ? [Number(usage[1]), Math.round(Number(usage[2]) / 1024), Number(usage[3])]
    : [Number.NaN, Number.NaN, Number.NaN];
  process.stdout.write(
    `${label.padEnd(28)} ${verified ? 'verified' : `FAILED (${run.status}): ${run.stdout.slice(0, 300)}`}  ${seconds.toFixed(2)} s wall, ${cpu.toFixed(2)} s CPU, peak RSS ${rssMb} MB\n`,
  );
  return verified;
}

async function main() {
  const dir = args.dir ?? (await mkdtemp(join(tmpdir(), 'bench-verify-')));
  try {
    const started = performance.now();
    const files = [join(dir, 'record.json'), join(dir, 'results.json')];
    const reused = existsSync(files[1]!);
    if (!reused) await savePublishedDraw(dir, publishedDraw());
    process.stdout.write(
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}\n`,
    );
    process.stdout.write(
      `bench:verify — ${ENTRANTS.toLocaleString('en-US')} entrants × ${TICKETS} tickets (${reused ? `published before, in ${dir}` : `published in ${((performance.now() - started) / 1000).toFixed(1)} s`}); target at 1,000,000: ≤ 10 s, ≤ 300 MB\n`,
    );
    const ok = [
      measure('tools/verify-draw.mjs', ['tools/verify-draw.mjs', ...files]),
      measure('prizedraw verify (checks)', ['test/bench/support/verify-files.mjs', ...files]),
    ];
    if (ok.includes(false)) process.exitCode = 1;
  } finally {
    if (args.dir === undefined) await rm(dir, { recursive: true, force: true });
  }
}

void main();
