import { consoleConfigSchema, consoleService } from '@prizedraw/console';
import { decisionsConfigSchema, decisionsService } from '@prizedraw/decisions';
import { dedupeConfigSchema, dedupeService } from '@prizedraw/dedupe';
import { enrichmentConfigSchema, enrichmentService } from '@prizedraw/enrichment';
import { ingestionConfigSchema, ingestionService } from '@prizedraw/ingestion';
import { instantWinConfigSchema, instantWinService } from '@prizedraw/instant-win';
import { messageQueueConfigSchema, messageQueueService } from '@prizedraw/message-queue';
import { notificationsConfigSchema, notificationsService } from '@prizedraw/notifications';
import { onsiteGatewayConfigSchema, onsiteGatewayService } from '@prizedraw/onsite-gateway';
import { prizeDrawConfigSchema, prizeDrawService } from '@prizedraw/prize-draw';
import { scaExportConfigSchema, scaExportService } from '@prizedraw/sca-export';
import { schedulerConfigSchema, schedulerService } from '@prizedraw/scheduler';
import {
  type BaseConfig,
  baseConfigSchema,
  fusedService,
  parseConfig,
  type RunningServices,
  runServices,
  type Service,
  type StageService,
} from '@prizedraw/service';
import { ticketRulesConfigSchema, ticketRulesService } from '@prizedraw/ticket-rules';
import { ticketWalletConfigSchema, ticketWalletService } from '@prizedraw/ticket-wallet';
import { z } from 'zod';

/** A service `prizedraw start` can run: the schema of its environment and its factory. */
interface Startable {
  readonly schema: z.ZodObject;
  /** Called with the environment parsed by a schema that includes `schema`. */
  readonly create: (config: BaseConfig) => Service;
}

// The signature ties the factory to its schema; start() then passes a config parsed by a superset of it.
const startable = <S extends z.ZodObject>(schema: S, create: (config: z.output<S>) => Service) =>
  ({ schema, create }) as unknown as Startable;

/** Every service `prizedraw start` knows, in pipeline order, then the others. */
export const SERVICES: Readonly<Record<string, Startable>> = {
  ingestion: startable(ingestionConfigSchema, ingestionService),
  enrichment: startable(enrichmentConfigSchema, enrichmentService),
  dedupe: startable(dedupeConfigSchema, dedupeService),
  'ticket-rules': startable(ticketRulesConfigSchema, ticketRulesService),
  'ticket-wallet': startable(ticketWalletConfigSchema, ticketWalletService),
  'prize-draw': startable(prizeDrawConfigSchema, prizeDrawService),
  'sca-export': startable(scaExportConfigSchema, scaExportService),
  scheduler: startable(schedulerConfigSchema, schedulerService),
  'instant-win': startable(instantWinConfigSchema, (config) => instantWinService(config)),
  'onsite-gateway': startable(onsiteGatewayConfigSchema, onsiteGatewayService),
  'message-queue': startable(messageQueueConfigSchema, messageQueueService),
  decisions: startable(decisionsConfigSchema, decisionsService),
  notifications: startable(notificationsConfigSchema, notificationsService),
  console: startable(consoleConfigSchema, consoleService),
};

// Not part of `all`, which is the draw pipeline: instant-win is a product of its own, with settings of its
// own (API_TOKEN_SECRET); `prizedraw start all instant-win` runs both.
// The onsite gateway and the message queue need API_TOKEN_SECRET (and the queue MSQ_GATEWAY_URL) too.
// decisions and notifications need API_TOKEN_SECRET, notifications DECISIONS_URL too; so does the console.
const NOT_IN_ALL = new Set([
  'instant-win',
  'onsite-gateway',
  'message-queue',
  'decisions',
  'notifications',
  'console',
]);

/** The services `all` stands for: the draw pipeline, in its order. */
export const ALL = Object.keys(SERVICES).filter((key) => !NOT_IN_ALL.has(key));

// From `ingested` on, every stage keeps the customer key and partition (ingestion is where the key is
// chosen, so `ingested` is the pipeline's repartition topic): in one process they run as one application.
export const FUSED_STAGES: readonly string[] = ['enrichment', 'dedupe', 'ticket-rules', 'ticket-wallet'];
/** The application the fused stages run as: `prizedraw-<brand>-pipeline`. */
export const FUSED_PIPELINE = 'pipeline';

const startConfigSchema = z.object({
  // `false` runs the stages as one application each, as they run in processes of their own.
  FUSE_STAGES: z.enum(['true', 'false']).default('true'),
});

/**
 * The services to run: enrichment, dedupe, ticket-rules and ticket-wallet, when all four are among them
 * (and `fuse`), become one fused service where the first of them was (docs/stream-runtime.md).
 */
export function fuseStages(services: readonly Service[], fuse: boolean): Service[] {
  const stages = FUSED_STAGES.map((name) => services.find((s) => s.name === name) as StageService);
  if (!fuse || stages.some((s) => s?.stage === undefined)) return [...services];
  const fused = fusedService(
    FUSED_PIPELINE,
    stages.map((s) => s.stage),
  );
  return services.flatMap((service) =>
    service === stages[0] ? [fused] : stages.includes(service as StageService) ? [] : [service],
  );
}

/** Resolves names (or `all`) to services; an unknown name stops with the list of known ones. */
export function servicesNamed(names: readonly string[]): Startable[] {
  const wanted = [...new Set(names.flatMap((name) => (name === 'all' ? ALL : [name])))];
  return wanted.map((name) => {
    const service = SERVICES[name];
    if (!service)
      throw new Error(`unknown service ${name}: choose from ${Object.keys(SERVICES).join(', ')} or all`);
    return service;
  });
}

/**
 * `prizedraw start <service…|all>`: parses the environment once against the settings of every service
 * named (an invalid variable stops start-up, naming it), then runs them in this process until SIGTERM or
 * SIGINT.
 */
export async function start(
  names: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningServices> {
  const services = servicesNamed(names);
  const schema = services.reduce<z.ZodObject>(
    (merged, service) => merged.extend(service.schema.shape),
    baseConfigSchema.extend(startConfigSchema.shape),
  );
  const config = parseConfig(schema, env) as BaseConfig & z.output<typeof startConfigSchema>;
  const created = services.map((service) => service.create(config));
  return runServices(fuseStages(created, config.FUSE_STAGES === 'true'), config);
}
