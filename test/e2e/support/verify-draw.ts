import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DrawDefined, SeedDirectory, seedCommitmentOf } from '@prizedraw/events';

const CLI_SOURCE = join(__dirname, '../../../services/cli/src/main.ts');
const STANDALONE = join(__dirname, '../../../tools/verify-draw.mjs');

/** A seed directory of the test's own, as `SEED_DIR` of every process. */
export async function seedDirectory(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'prizedraw-seeds-'));
}

/** The draw with a seed in `seedDir` and its commitment, as `prizedraw draws define` makes it with SEED_DIR. */
export async function withCommittedSeed(draw: DrawDefined, seedDir: string): Promise<DrawDefined> {
  const seed = await new SeedDirectory(seedDir).readOrCreate(draw.drawId);
  return { ...draw, seedCommitment: seedCommitmentOf(seed) };
}

function run(
  command: string[],
  env: Record<string, string>,
): Promise<{ status: number | null; output: string }> {
  const child = spawn(process.execPath, command, { env: { ...process.env, LOG_LEVEL: 'error', ...env } });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => child.once('exit', (status) => resolve({ status, output })));
}

/** Runs `prizedraw customers <exclude|include> <customerId>` with the deployment's settings. */
export function customersCommand(env: Record<string, string>, ...args: string[]) {
  return run(['--import', 'tsx', CLI_SOURCE, 'customers', ...args], env);
}

/** Runs `prizedraw draws replay <drawId>` with the deployment's settings. */
export function replayDraw(env: Record<string, string>, drawId: string) {
  return run(['--import', 'tsx', CLI_SOURCE, 'draws', 'replay', drawId], env);
}

/**
 * Runs `prizedraw verify <drawId> --save DIR` with the deployment's settings, then `tools/verify-draw.mjs` on
 * the files it saved; both outputs and exit statuses.
 */
export async function verifyDraw(env: Record<string, string>, drawId: string) {
  const saved = await mkdtemp(join(tmpdir(), 'prizedraw-verify-'));
  const cli = await run(['--import', 'tsx', CLI_SOURCE, 'verify', drawId, '--save', saved], env);
  const standalone = await run([STANDALONE, join(saved, 'record.json'), join(saved, 'results.json')], env);
  return { cli, standalone, saved };
}
