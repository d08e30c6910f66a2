import { join } from 'node:path';
import { baseConfigSchema } from '@prizedraw/service';
import { z } from 'zod';

/** The rules shipped with the service: prizedraw's draw results, milestones and unqualifications. */
export const DEFAULT_RULES_FILE = join(__dirname, '..', 'rules', 'prizedraw.yaml');

/** The decisions service's environment: the shared settings, its rules file and the API token secret. */
export const decisionsConfigSchema = baseConfigSchema.extend({
  /** The YAML rules file, validated at start-up (an error names the rule and the field). */
  DECISIONS_RULES_FILE: z.string().min(1).default(DEFAULT_RULES_FILE),
  // The secret bearer tokens are signed with (one of the two; checked by @prizedraw/http-api's
  // apiTokenConfigSchema when the service is made). Never defaulted, never logged.
  API_TOKEN_SECRET: z.string().optional(),
  API_TOKEN_SECRET_FILE: z.string().optional(),
});

export type DecisionsConfig = z.output<typeof decisionsConfigSchema>;
