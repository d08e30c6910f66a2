import { CallFailed } from './resilient-call';

/** How many items one request carries, and how many requests of one batch are in flight at once. */
export interface ChunkOptions {
  readonly size: number;
  readonly concurrency: number;
}

/** An answer per item, or the refusal of an item the service found invalid. */
export type Answered<R> = R | CallFailed;

/**
 * Asks `call` about `items` in chunks of `size`, at most `concurrency` chunks in flight, and answers per
 * item in their order. A chunk the service refuses as invalid (a CallFailed that is not retriable: one bad
 * item refuses its whole request) is asked again item by item, so only the invalid item carries the refusal
 * and the others are answered. Any other failure (the service stayed away) rejects the whole call.
 */
export async function inChunks<A, R>(
  items: readonly A[],
  call: (chunk: readonly A[]) => Promise<readonly R[]>,
  { size, concurrency }: ChunkOptions,
): Promise<Answered<R>[]> {
  const answers = new Array<Answered<R>>(items.length);
  const ask = async (from: number, to: number): Promise<void> => {
    try {
      const answered = await call(items.slice(from, to));
      for (let i = 0; i < answered.length; i++) answers[from + i] = answered[i]!;
    } catch (error) {
      if (!(error instanceof CallFailed) || error.retriable) throw error;
      if (to - from === 1) answers[from] = error;
      else for (let i = from; i < to; i++) await ask(i, i + 1);
    }
  };
  let next = 0;
  // Once a chunk failed the call is lost: the other workers ask no more (the batch is retried whole).
  let failed = false;
  const worker = async () => {
    while (next < items.length && !failed) {
      const from = next;
      next = Math.min(items.length, from + size);
      await ask(from, next).catch((error: unknown) => {
        failed = true;
        throw error;
      });
    }
  };
  const workers = Math.min(concurrency, Math.ceil(items.length / size));
  await Promise.all(Array.from({ length: workers }, worker));
  return answers;
}
