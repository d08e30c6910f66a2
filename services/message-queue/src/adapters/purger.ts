import type { Logger } from 'pino';
import type { MessageQueueRepository } from './message-queue-repository';

/** Options of {@link startPurger}. */
export interface PurgerOptions {
  readonly repository: MessageQueueRepository;
  readonly logger: Logger;
  readonly intervalMs: number;
  /** How long delete instructions are remembered. */
  readonly deleteMemoryMs: number;
  readonly ready: () => Promise<unknown>;
  /** Called with how many expired messages a pass purged (metrics). */
  readonly onPurged: (count: number) => void;
  readonly onFailure: (error: unknown) => void;
}

/** Purges expired messages (and forgotten delete instructions) every `intervalMs`; stop() ends it. */
export function startPurger(options: PurgerOptions): { stop(): Promise<void> } {
  let pass: Promise<void> = Promise.resolve();
  const purge = async () => {
    try {
      await options.ready();
      const purged = await options.repository.purge(new Date(), options.deleteMemoryMs);
      options.onPurged(purged);
      if (purged > 0) options.logger.info({ purged }, 'expired messages purged');
    } catch (error) {
      options.onFailure(error);
      options.logger.warn({ err: error }, 'purging expired messages failed; trying again at the next pass');
    }
  };
  const timer = setInterval(() => {
    pass = purge();
  }, options.intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await pass;
    },
  };
}
