/**
 * The outcome of `prizedraw verify <drawId>` run for a draw: `running`, `verified` (exit 0), `differs` (exit
 * 1 with what differs), `failed` (it could not run to its end: the reason).
 */
export interface FullVerification {
  readonly state: 'running' | 'verified' | 'differs' | 'failed';
  readonly startedAt: string;
  readonly finishedAt: string | null;
  /** Its last line when verified (entrants, tickets, winners recomputed), or why it failed. */
  readonly summary: string | null;
  /** Each `differs: …` line, without the prefix. */
  readonly problems: string[];
}

const DIFFERS = 'differs: ';
// Beyond this many, the rest are counted (a draw altered everywhere would list every entrant).
const MAX_PROBLEMS = 50;

/**
 * What `prizedraw verify` printed and how it exited, as the draw page shows it. It exits 1 both when
 * something differs (said on stdout) and when it could not run (an error on stderr, nothing on stdout).
 */
export function fullVerificationOf(
  { stdout, stderr }: { stdout: string; stderr: string },
  exitCode: number | null,
  startedAt: string,
  finishedAt: string,
): FullVerification {
  const lines = linesOf(stdout);
  const differs = lines.filter((line) => line.startsWith(DIFFERS)).map((line) => line.slice(DIFFERS.length));
  const problems =
    differs.length > MAX_PROBLEMS
      ? [...differs.slice(0, MAX_PROBLEMS), `… and ${differs.length - MAX_PROBLEMS} more`]
      : differs;
  const last = lines.at(-1) ?? null;
  if (exitCode === 0) return { state: 'verified', startedAt, finishedAt, summary: last, problems: [] };
  if (exitCode === 1 && last !== null)
    return { state: 'differs', startedAt, finishedAt, summary: differs.length > 0 ? null : last, problems };
  const ended = `prizedraw verify ended with ${exitCode === null ? 'a signal' : `exit code ${exitCode}`}`;
  return {
    state: 'failed',
    startedAt,
    finishedAt,
    summary: linesOf(stderr).at(-1) ?? last ?? ended,
    problems,
  };
}

const linesOf = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
