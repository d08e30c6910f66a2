import { ingestionService } from '@prizedraw/ingestion';
import {
  type BaseConfig,
  baseConfigSchema,
  parseConfig,
  type RunningServices,
  runServices,
  type Service,
} from '@prizedraw/service';

/** Every service `prizedraw start` knows, in pipeline order. */
export const SERVICES: Readonly<Record<string, () => Service>> = {
  ingestion: ingestionService,
};

/** Resolves names (or `all`) to services; an unknown name stops with the list of known ones. */
export function servicesNamed(names: readonly string[]): Service[] {
  const wanted = names.includes('all') ? Object.keys(SERVICES) : names;
  return wanted.map((name) => {
    const create = SERVICES[name];
    if (!create)
      throw new Error(`unknown service ${name}: choose from ${Object.keys(SERVICES).join(', ')} or all`);
    return create();
  });
}

/** `prizedraw start <service…|all>`: runs the services in this process until SIGTERM or SIGINT. */
export async function start(
  names: readonly string[],
  config: BaseConfig = parseConfig(baseConfigSchema),
): Promise<RunningServices> {
  return runServices(servicesNamed(names), config);
}
