import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICES } from '@prizedraw/cli';
import { baseConfigSchema } from '@prizedraw/service';
import { type K8sObject, REPO } from './deploy-tools';

// Reading rendered manifests the way the kubelet would: which containers run what, with which environment.

/** A container of a Deployment, StatefulSet or Job, with the workload it belongs to. */
export interface WorkloadContainer {
  workload: K8sObject;
  // biome-ignore lint/suspicious/noExplicitAny: a rendered container, checked field by field
  container: any;
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'Job']);

export function containersOf(objects: readonly K8sObject[]): WorkloadContainer[] {
  return objects
    .filter((object) => WORKLOAD_KINDS.has(object.kind))
    .flatMap((workload) =>
      workload.spec.template.spec.containers.map((container: unknown) => ({ workload, container })),
    );
}

/** The service folders a container runs: `prizedraw start <names…>`, or `cli` for any other command. */
export function servicesRun({ container }: WorkloadContainer): string[] {
  const args: string[] = container.args ?? [];
  return args[0] === 'start' ? args.slice(1) : ['cli'];
}

/** A zod object schema, as the CLI's service table holds them. */
type ObjectSchema = (typeof SERVICES)[string]['schema'];

/** The schema of the environment a container's command parses: the shared settings plus its services'. */
export function schemaOf(services: readonly string[]): ObjectSchema {
  return services.reduce<ObjectSchema>((merged, name) => {
    const service = SERVICES[name];
    return service ? merged.extend(service.schema.shape) : merged;
  }, baseConfigSchema);
}

function find(objects: readonly K8sObject[], kind: string, name: string): K8sObject | undefined {
  return objects.find((object) => object.kind === kind && object.metadata.name === name);
}

function dataOf(object: K8sObject | undefined): Record<string, string> {
  if (object === undefined) return {};
  if (object.kind === 'ConfigMap') return object.data ?? {};
  const entries = Object.entries<string>(object.data ?? {});
  return Object.fromEntries(entries.map(([key, value]) => [key, Buffer.from(value, 'base64').toString()]));
}

/**
 * The environment a container gets: ConfigMaps and Secrets of `envFrom`, then `env` (values, and keys of
 * ConfigMaps and Secrets). A reference to a missing object or key stays unset (the kubelet fails the pod for
 * one not marked optional; {@link missingReferences} reports those).
 */
export function environmentOf(objects: readonly K8sObject[], { container }: WorkloadContainer) {
  const env: Record<string, string | undefined> = {};
  for (const from of container.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    Object.assign(env, dataOf(find(objects, from.configMapRef ? 'ConfigMap' : 'Secret', ref.name)));
  }
  for (const { name, value, valueFrom } of container.env ?? []) {
    const ref = valueFrom?.configMapKeyRef ?? valueFrom?.secretKeyRef;
    env[name] = ref
      ? dataOf(find(objects, valueFrom.configMapKeyRef ? 'ConfigMap' : 'Secret', ref.name))[ref.key]
      : value;
  }
  return env;
}

// Read by Node itself, not by a service's config.
const RUNTIME_VARIABLES = new Set(['NODE_OPTIONS']);

/** Variables a container gets that neither its command's config schema nor Node reads. */
export function unreadVariables(objects: readonly K8sObject[], workload: WorkloadContainer): string[] {
  const read = new Set(Object.keys(schemaOf(servicesRun(workload)).shape));
  return Object.keys(environmentOf(objects, workload)).filter(
    (name) => !read.has(name) && !RUNTIME_VARIABLES.has(name),
  );
}

/** References to ConfigMaps, Secrets or keys the rendered objects lack and that are not optional. */
export function missingReferences(objects: readonly K8sObject[], { container }: WorkloadContainer): string[] {
  const missing: string[] = [];
  for (const from of container.envFrom ?? []) {
    const kind = from.configMapRef ? 'ConfigMap' : 'Secret';
    const ref = from.configMapRef ?? from.secretRef;
    if (!ref.optional && !find(objects, kind, ref.name)) missing.push(`${kind} ${ref.name}`);
  }
  for (const { valueFrom } of container.env ?? []) {
    const ref = valueFrom?.configMapKeyRef ?? valueFrom?.secretKeyRef;
    if (!ref || ref.optional) continue;
    const kind = valueFrom.configMapKeyRef ? 'ConfigMap' : 'Secret';
    if (dataOf(find(objects, kind, ref.name))[ref.key] === undefined)
      missing.push(`${kind} ${ref.name}/${ref.key}`);
  }
  return missing;
}

/** Service folders whose sources add a LevelDB state store to a topology. */
export function servicesWithStores(): string[] {
  const services = readdirSync(join(REPO, 'services'));
  return services.filter((name) =>
    readdirSync(join(REPO, 'services', name, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
      .some((file) =>
        readFileSync(join(REPO, 'services', name, 'src', file), 'utf8').includes('.addStateStore('),
      ),
  );
}

/** Kubernetes memory quantity in MiB (Mi and Gi only: what the manifests use). */
export function mebibytes(quantity: string): number {
  const match = /^(\d+)(Mi|Gi)$/.exec(quantity);
  if (!match) throw new Error(`unexpected memory quantity ${quantity}`);
  return Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
}
