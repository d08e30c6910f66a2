/**
 * A failed attempt's error in words for the failure log an operator reads: its code and message, then its
 * causes'. A connection refused on a host of several addresses is an AggregateError with no message: the
 * addresses' own errors say what happened. Stack traces stay in the worker's log.
 */
export function failureReason(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    parts.push(describe(current));
    current = (current as { cause?: unknown }).cause;
  }
  return parts.filter((part, i) => part !== '' && part !== parts[i - 1]).join(' ← ');
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const message =
    error.message ||
    (error instanceof AggregateError ? error.errors.map(describe).join('; ') : '') ||
    error.name;
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}
