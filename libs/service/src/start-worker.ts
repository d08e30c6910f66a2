import { dirname, extname, join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread on the module `name` beside `caller` (the caller's `__filename`): the compiled
 * `.js` as it is; the TypeScript source through tsx (a development dependency) when the caller is itself
 * TypeScript, as under jest, which runs the sources.
 */
export function startWorker(caller: string, name: string, options: WorkerOptions = {}): Worker {
  const extension = extname(caller);
  const file = join(dirname(caller), `${name}${extension}`);
  if (extension !== '.ts') return new Worker(file, options);
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(file)});`, { ...options, eval: true });
}
