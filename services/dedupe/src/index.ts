/**
 * @prizedraw/dedupe — TIM: drops enriched activities already seen for their draw, and second entries of
 * one email in draws that dedupe on email, with a LevelDB seen-set per partition that expires with each
 * draw (closesAt + retention). Passes the rest, and the draw markers in order, to the relevant topic, except
 * activity of draws tagged as unqualification, which becomes unqualification events on their own topic.
 *
 * ```ts
 * const config = parseConfig(dedupeConfigSchema);
 * await runServices([dedupeService(config)], config);
 * ```
 */
import { type StageService, stageService } from '@prizedraw/service';
import type { DedupeConfig } from './config';
import { dedupeTopology } from './topology';

export { type DedupeConfig, dedupeConfigSchema } from './config';
export { droppedCounter } from './dedupe-metrics';
export type { DrawSeenIndex, DropReason } from './processors/seen-set';
export { unqualificationOf, weekOf } from './processors/unqualification-of';
export {
  DEDUPE_STAGE,
  type DedupeTopologyOptions,
  dedupeTopology,
  SEEN_STORE,
  type UnqualificationOptions,
} from './topology';

/**
 * The dedupe service: enriched activity → relevant events, repeats dropped, seen marks kept per draw;
 * tagged unqualification activity → `{brand}.relevant.unqualification.events`.
 */
export function dedupeService(
  config: Pick<DedupeConfig, 'DEDUPE_RETENTION_MS'> &
    Partial<Pick<DedupeConfig, 'DEDUPE_UNQUALIFICATION_TAG'>>,
): StageService {
  return stageService({
    name: 'dedupe',
    async topology(context) {
      const { topics, registry, dataCodec } = context;
      const unqualification = {
        topic: topics.unqualified,
        definitions: await context.definitions(),
        ...(config.DEDUPE_UNQUALIFICATION_TAG && { tag: config.DEDUPE_UNQUALIFICATION_TAG }),
      };
      const retentionMs = config.DEDUPE_RETENTION_MS;
      return dedupeTopology({ topics, retentionMs, registry, dataCodec, unqualification });
    },
  });
}
