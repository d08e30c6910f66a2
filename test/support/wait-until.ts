/** Polls `condition` every `everyMs` until it holds; fails after `timeoutMs`, naming what it waited for. */
export async function waitUntil(
  what: string,
  condition: () => Promise<boolean> | boolean,
  { timeoutMs = 60_000, everyMs = 100 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
