import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { parseAllDocuments } from 'yaml';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * The benchmark's command-line options. `pnpm bench:x -- --events 10` hands the script a literal `--`
 * first, which parseArgs would take as the end of the options; it is dropped.
 */
export function benchOptions<const T extends Options>(
  options: T,
): ReturnType<typeof parseArgs<{ options: T }>>['values'] {
  const args = process.argv.slice(2);
  return parseArgs({ options, args: args[0] === '--' ? args.slice(1) : args }).values;
}

/** The items of an option given as one space-separated string (Node flags, environment settings). */
export function listOption(text: string): string[] {
  return text.split(' ').filter(Boolean);
}

/**
 * The node flags deploy/k8s gives `service` (its workload's `NODE_OPTIONS` in deploy/k8s/base), so that a
 * benchmark can run a process as it is deployed: `--node-args=k8s`.
 */
function k8sNodeArgs(service: string): string[] {
  const manifest = join(__dirname, '../../../deploy/k8s/base', `${service}.yaml`);
  for (const document of parseAllDocuments(readFileSync(manifest, 'utf8'))) {
    const workload = document.toJS() as { kind?: string; spec?: { template?: { spec?: PodSpec } } };
    if (workload.kind !== 'Deployment' && workload.kind !== 'StatefulSet') continue;
    const env = workload.spec?.template?.spec?.containers?.[0]?.env ?? [];
    return listOption(env.find((variable) => variable.name === 'NODE_OPTIONS')?.value ?? '');
  }
  throw new Error(`${manifest}: no Deployment or StatefulSet`);
}

interface PodSpec {
  containers?: { env?: { name: string; value?: string }[] }[];
}

/** Node flags as a benchmark prints them. */
export const flagsText = (flags: readonly string[]): string => flags.join(' ') || '(none)';

/** `--node-args` of a benchmark for `service`: `k8s` for its deployed flags, else the flags as given. */
export function nodeArgsOf(option: string, service: string): string[] {
  return option === 'k8s' ? k8sNodeArgs(service) : listOption(option);
}

/**
 * How a benchmark starts `service` as a process of the built CLI: `flags` as its node flags and, with
 * `profileDir`, a CPU profile written into `profileDir/<service>` when it stops.
 */
export function builtServiceOptions(service: string, flags: readonly string[], profileDir?: string) {
  return {
    built: true,
    readyTimeoutMs: 90_000,
    nodeArgs: [...flags, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}/${service}`] : [])],
  };
}
