import type { Ruleset } from './contest';

// Production holds both spellings of every ruleset (the enum grew the hyphenated ones later); they mean the same.
const SPELLINGS: Readonly<Record<string, Ruleset>> = {
  giftcard: 'gift-card',
  'gift-card': 'gift-card',
  brandvsbrand: 'brand-v-brand',
  'brand-v-brand': 'brand-v-brand',
  bigcash: 'big-cash',
  'big-cash': 'big-cash',
  dailysweeps: 'daily-sweeps',
  'daily-sweeps': 'daily-sweeps',
};

/**
 * The canonical spelling of a `ruleset` value (`giftcard` → `gift-card`, `brandvsbrand` → `brand-v-brand`,
 * `bigcash` → `big-cash`, `dailysweeps` → `daily-sweeps`; the hyphenated ones stay), or `undefined` when the
 * value is not a known ruleset. Case and surrounding blanks are ignored.
 */
export function normalizeRuleset(value: string): Ruleset | undefined {
  const key = value.trim().toLowerCase();
  return Object.hasOwn(SPELLINGS, key) ? SPELLINGS[key] : undefined;
}
