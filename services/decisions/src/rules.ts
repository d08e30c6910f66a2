import { readFileSync } from 'node:fs';
import { DELIVERY_PREFERENCES, MESSAGE_TYPES } from '@prizedraw/events';
import { parse } from 'yaml';
import { z } from 'zod';
import { durationMs } from './duration';

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** One rule: which events it matches and the decision it gives them. */
export const ruleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'Expected a rule id of lowercase letters, digits and dashes'),
  eventType: z.string().min(1, 'Expected a CloudEvent type, e.g. prizedraw.draw-result.v1'),
  /**
   * Conditions on the event's data, all of which must hold: a dotted path (`prize.prizeId`) and the value it
   * must have, or a list of values it may have (the seed's reward types: FREE_SPINS, FREE_BET, …).
   */
  when: z.record(z.string().min(1), z.union([scalar, z.array(scalar).min(1)])).default({}),
  messageType: z.enum(MESSAGE_TYPES),
  /** Absent: the decision carries no delivery preference, and notifications drops the message. */
  deliveryPreference: z.enum(DELIVERY_PREFERENCES).optional(),
  /** How long after the event the message stops being worth showing. */
  expiresAfter: durationMs(),
  /** The template notifications renders; default the rule id. */
  template: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'Expected a template name of lowercase letters, digits and dashes')
    .optional(),
});

/** The rules file: the first rule that matches an event decides it; none matching is NO_DECISION. */
export const rulesFileSchema = z.strictObject({ rules: z.array(ruleSchema) }).superRefine((file, ctx) => {
  const seen = new Set<string>();
  file.rules.forEach((rule, index) => {
    if (seen.has(rule.id))
      ctx.addIssue({ code: 'custom', path: ['rules', index, 'id'], message: `Duplicate rule id ${rule.id}` });
    seen.add(rule.id);
  });
});

/** A rule, validated. */
export type Rule = z.output<typeof ruleSchema>;

/** The rules could not be used; the message names each rule (by id or position) and field at fault. */
export class RulesError extends Error {
  override readonly name = 'RulesError';
}

/** Parses and validates rules from YAML text; `origin` (the file) is named in errors. */
export function parseRules(text: string, origin: string): readonly Rule[] {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new RulesError(`${origin}: not YAML: ${(error as Error).message}`);
  }
  const result = rulesFileSchema.safeParse(document);
  if (result.success) return result.data.rules;
  const problems = result.error.issues.map((issue) => `${where(document, issue.path)}: ${issue.message}`);
  throw new RulesError(`${origin}: invalid rules:\n  ${problems.join('\n  ')}`);
}

/** Reads and validates the rules file at `path` (at start-up: a bad file stops the service). */
export function loadRules(path: string): readonly Rule[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new RulesError(`${path}: cannot read the rules file (${(error as NodeJS.ErrnoException).code})`);
  }
  return parseRules(text, path);
}

// "rule draw-won (rules[0]) field expiresAfter": the id when the rule has a usable one, always its position.
function where(document: unknown, path: readonly PropertyKey[]): string {
  if (path[0] !== 'rules' || typeof path[1] !== 'number') return path.map(String).join('.') || '(file)';
  const rule = (document as { rules: unknown[] }).rules[path[1]] as { id?: unknown } | undefined;
  const name = typeof rule?.id === 'string' ? `rule ${rule.id} (rules[${path[1]}])` : `rules[${path[1]}]`;
  const field = path.slice(2).map(String).join('.');
  return field === '' ? name : `${name} field ${field}`;
}
