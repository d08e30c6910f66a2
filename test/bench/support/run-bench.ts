import { rm } from 'node:fs/promises';
import { deleteTopicsContaining } from '@prizedraw/stream';
import { withAdmin } from '../../support/kafka';
import { runningServiceProcesses, stateDirsMade } from '../../support/service-process';

// Names (a brand, a topic, an application id) whose topics the running benchmark wrote.
const scratchNames = new Set<string>();
// Folders the benchmark's processes kept their state in, besides those startServiceProcess made.
const scratchFolders: string[] = [];

/**
 * Marks every topic whose name contains one of `names` as the benchmark's own, to delete when it ends: a
 * brand covers its pipeline topics and its services' changelogs, an application id its internal topics.
 * Pass unique names (`uniqueName`), which no other topic contains.
 */
export function scratchTopics(...names: string[]): void {
  for (const name of names) scratchNames.add(name);
}

/** Marks folders the benchmark's processes kept their state in, to delete when it ends. */
export function scratchDirs(...dirs: string[]): void {
  scratchFolders.push(...dirs);
}

/**
 * Runs a benchmark's `main` and exits: 0 when it resolves, 1 with the error when it throws, 130 or 143 when
 * SIGINT or SIGTERM stops it. Whichever way, the service processes it started that still run are killed (a
 * failed draw benchmark left its wallet running, fetching from a broker that was gone), and the topics marked
 * with {@link scratchTopics} and the state folders of its processes are deleted first. A
 * benchmark writes millions of records no one reads again, and the local broker keeps them for a day
 * (`log.retention.hours`): a day of draw benchmarks once filled a 250 GB disk, and its services' LevelDB
 * folders took 145 MB each in /tmp. `KEEP_BENCH_DATA=1` keeps both, to look at afterwards.
 */
export function runBench(main: () => Promise<void>): void {
  // Stopped from outside (`timeout`, a kill), it cleans up too: its service processes would run on.
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      process.stderr.write(`${signal}: stopping the benchmark\n`);
      void exitAfterCleanup(code);
    });
  }
  main().then(
    () => exitAfterCleanup(0),
    (error: unknown) => {
      console.error(error);
      return exitAfterCleanup(1);
    },
  );
}

// Set once cleaning up began: a signal may come while a failure cleans up, or the other way round.
let exiting: Promise<never> | undefined;

function exitAfterCleanup(code: number): Promise<never> {
  exiting ??= cleanUpAndExit(code);
  return exiting;
}

async function cleanUpAndExit(code: number): Promise<never> {
  // Those still running when the benchmark failed or was stopped: nothing of theirs is measured any more.
  await Promise.all(runningServiceProcesses().map((service) => service.kill()));
  if (process.env.KEEP_BENCH_DATA !== '1') {
    const folders = [...scratchFolders, ...stateDirsMade()];
    await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
    try {
      const deleted = await deleteScratchTopics();
      process.stderr.write(
        `deleted the benchmark's ${deleted} topics and ${folders.length} state folders (KEEP_BENCH_DATA=1 keeps them)\n`,
      );
    } catch (error) {
      // The figures are printed already; a broker that went away only leaves the topics to their retention.
      process.stderr.write(`could not delete the benchmark's topics: ${String(error)}\n`);
    }
  }
  process.exit(code);
}

async function deleteScratchTopics(): Promise<number> {
  if (scratchNames.size === 0) return 0;
  return withAdmin((admin) => deleteTopicsContaining(admin, [...scratchNames]));
}
