import { type ChildProcess, execFile } from 'node:child_process';
import { resolve } from 'node:path';
import type { BaseConfig } from '@prizedraw/service';
import type { Logger } from 'pino';
import { type FullVerification, fullVerificationOf } from '../full-verification';

// The CLI of this workspace (services/cli/dist/main.js), beside the console's own src/ or dist/. The console
// cannot import it: the CLI depends on the console (it starts it).
const CLI_MAIN = resolve(__dirname, '../../../cli/dist/main.js');
// A million-entrant draw reads its record, every result and the activity topic: minutes, not hours.
const TIMEOUT_MS = 30 * 60_000;
// Its output: a line per difference, at most every entrant's.
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/**
 * Runs `prizedraw verify <drawId>` — the CLI's own verification, not a copy: every ticket recomputed from the
 * revealed seed, the entries root, winners and ranks, the results hash and the cut-off offsets — as a child
 * process against the console's broker and brand, one at a time per draw. `outcome` is told that it runs,
 * then how it ended.
 */
export class DrawVerifier {
  readonly #env: NodeJS.ProcessEnv;
  readonly #logger: Logger;
  readonly #outcome: (drawId: string, outcome: FullVerification) => void;
  readonly #running = new Map<string, { outcome: FullVerification; child: ChildProcess }>();

  constructor(options: {
    config: BaseConfig;
    logger: Logger;
    outcome: (drawId: string, outcome: FullVerification) => void;
  }) {
    const { config } = options;
    this.#env = {
      PATH: process.env.PATH,
      KAFKA_BROKERS: config.KAFKA_BROKERS.join(','),
      DC: config.DC,
      BRAND: config.BRAND,
      SCHEMA_REGISTRY_URL: config.SCHEMA_REGISTRY_URL ?? '',
    };
    this.#logger = options.logger;
    this.#outcome = options.outcome;
  }

  /** Starts a verification of `drawId` unless one is running; answers the one running. */
  start(drawId: string): FullVerification {
    const running = this.#running.get(drawId);
    if (running) return running.outcome;
    const startedAt = new Date().toISOString();
    const started: FullVerification = {
      state: 'running',
      startedAt,
      finishedAt: null,
      summary: null,
      problems: [],
    };
    const child = execFile(
      process.execPath,
      [CLI_MAIN, 'verify', drawId],
      { env: this.#env, timeout: TIMEOUT_MS, maxBuffer: MAX_OUTPUT_BYTES },
      (error, stdout, stderr) => {
        const exitCode = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        const outcome = fullVerificationOf({ stdout, stderr }, exitCode, startedAt, new Date().toISOString());
        this.#logger.info(
          { drawId, state: outcome.state, problems: outcome.problems.length },
          'draw verified',
        );
        this.#running.delete(drawId);
        this.#outcome(drawId, outcome);
      },
    );
    this.#running.set(drawId, { outcome: started, child });
    this.#outcome(drawId, started);
    return started;
  }

  /** Ends the verifications running (the console is stopping; an operator starts them again). */
  stop(): void {
    for (const { child } of this.#running.values()) child.kill();
  }
}
