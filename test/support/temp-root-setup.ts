import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Every temporary folder of a test run (state folders, seeds, spools, scratch files, and those of the service
// processes the tests start) goes under one folder made for the run, which the run deletes at its end
// (temp-root-teardown.ts): the tests themselves need not clean up after each file, and a test killed halfway
// leaves nothing behind once the run ends. Jest starts its workers after the global setup, so they and their
// children inherit TMPDIR, which os.tmpdir() reads.

/** Names the run's folder for the teardown: apart from TMPDIR, so that no other folder is ever deleted. */
export const TEMP_ROOT_VARIABLE = 'PRIZEDRAW_TEST_TMPDIR';

export default async function makeTempRoot(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'prizedraw-test-run-'));
  process.env[TEMP_ROOT_VARIABLE] = root;
  process.env.TMPDIR = root;
}
