import { setTimeout as sleep } from 'node:timers/promises';

/** Resolves once `condition()` holds, checking every `everyMs`; fails naming `what` after `timeoutMs`. */
export async function until(
  condition: () => Promise<boolean>,
  what: string,
  timeoutMs = 60_000,
  everyMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}
