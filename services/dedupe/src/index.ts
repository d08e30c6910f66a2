/**
 * @prizedraw/dedupe — TIM: drops enriched activities already seen for their draw, and second entries of
 * one email in draws that dedupe on email, with a LevelDB seen-set per partition that expires with each
 * draw (closesAt + retention). Passes the rest, and the draw markers in order, to the relevant topic.
 *
 * ```ts
 * const config = parseConfig(dedupeConfigSchema);
 * await runServices([dedupeService(config)], config);
 * ```
 */
import type { Service } from '@prizedraw/service';
import type { DedupeConfig } from './config';
import { dedupeTopology } from './topology';

export { type DedupeConfig, dedupeConfigSchema } from './config';
export { droppedCounter } from './dedupe-metrics';
export type { DrawSeenIndex, DropReason } from './processors/seen-set';
export { DEDUPE_STAGE, type DedupeTopologyOptions, dedupeTopology, SEEN_STORE } from './topology';

/** The dedupe service: enriched activity → relevant events, repeats dropped, seen marks kept per draw. */
export function dedupeService({ DEDUPE_RETENTION_MS }: Pick<DedupeConfig, 'DEDUPE_RETENTION_MS'>): Service {
  return {
    name: 'dedupe',
    async start({ topics, registry, dataCodec, startStreams }) {
      const retentionMs = DEDUPE_RETENTION_MS;
      await startStreams('dedupe', dedupeTopology({ topics, retentionMs, registry, dataCodec }));
    },
  };
}
