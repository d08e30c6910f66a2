/**
 * @prizedraw/decisions — DES: given a CloudEvent, decides whether the customer is told about it and how
 * (message type, toast or full screen, template, expiry), from rules in a YAML file; answers NO_DECISION when
 * no rule matches, with a `has-decision: true|false` header so callers route without reading the body.
 *
 * ```ts
 * const config = parseConfig(decisionsConfigSchema);
 * await runServices([decisionsService(config)], config); // POST /v1/decisions, /openapi.json
 * ```
 */
import { apiTokensOf, type Service } from '@prizedraw/service';
import type { DecisionsConfig } from './config';
import { decisionsMetrics } from './decisions-metrics';
import { registerDecisionsRoutes } from './decisions-routes';
import { loadRules } from './rules';

export { DEFAULT_RULES_FILE, type DecisionsConfig, decisionsConfigSchema } from './config';
export { type Decision, type DecisionInput, decide, type NoDecision, valueAt } from './decide';
export * from './decision-schemas';
export { type DecisionsMetrics, decisionsMetrics } from './decisions-metrics';
export { type DecisionsRoutesOptions, registerDecisionsRoutes } from './decisions-routes';
export { loadRules, parseRules, type Rule, RulesError, ruleSchema, rulesFileSchema } from './rules';

/**
 * The decisions service: its route on the process's HTTP server. The rules file and the token secret are
 * read when the service is made, so a bad one stops start-up with a message naming the rule and field, or
 * the variable.
 */
export function decisionsService(config: DecisionsConfig): Service {
  const tokens = apiTokensOf(config);
  const rules = loadRules(config.DECISIONS_RULES_FILE);
  return {
    name: 'decisions',
    async start(context) {
      context.logger.info(
        { rules: rules.length, file: config.DECISIONS_RULES_FILE },
        'decision rules loaded',
      );
      registerDecisionsRoutes(context.http, {
        rules,
        tokens: tokens,
        metrics: decisionsMetrics(context.registry),
      });
    },
  };
}
