import type { DrawDefined } from '@prizedraw/events';
import type { DefinitionsIndex } from '@prizedraw/service';

/** What sca-export needs of a draw's definition: whether SCA administers it, and its promotion (utm_content). */
export type ScaDraw = Pick<DrawDefined, 'administrator' | 'promoCode'>;

/**
 * The draws sca-export knows, from the definitions topic. It keeps only {@link ScaDraw} of each: with
 * thousands of contest periods defined, whole definitions outgrew its 96 MB heap.
 */
export type ScaDraws = DefinitionsIndex<ScaDraw>;

/** What sca-export keeps of a definition. */
export const scaDrawOf = ({ administrator, promoCode }: DrawDefined): ScaDraw => ({
  administrator,
  promoCode,
});
