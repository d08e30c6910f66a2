import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { baseConfigSchema, parseConfig, runServices } from '@prizedraw/service';
import { brokers, uniqueName } from '../support/kafka';
import { type K8sObject, kustomizeBuild, REPO, runTool } from './support/deploy-tools';
import {
  containersOf,
  environmentOf,
  mebibytes,
  missingReferences,
  schemaOf,
  servicesRun,
  servicesWithStores,
  unreadVariables,
  type WorkloadContainer,
} from './support/manifest-queries';

// deploy/k8s: the example overlay (which includes the base) rendered by kustomize, validated against the
// Kubernetes JSON schemas that kubernetes-validate ships (no network), and checked against the code.

const KUBERNETES_VERSIONS = ['1.30.0', '1.37.0'];
const OVERLAY = 'deploy/k8s/overlays/example';
// Peak RSS measured in docs/benchmarks.md (MiB): the pipeline stages with no heap bound (339–486 over two
// days), the wallet and the draw in the million-entrant draw (--max-old-space-size=200), the SCA export of a
// million entries (--max-old-space-size=96 --max-semi-space-size=4), the console reading a million-entrant
// draw (--max-old-space-size=192 --max-semi-space-size=8, docs/console.md), notifications, decisions and the gateway under
// bench:notifications (notifications with --max-old-space-size=192; the other two with no bound or one of
// 160–256), instant-win under bench:instant-win with no bound (docs/notifications.md), the message queue under
// bench:message-queue and the scheduler under bench:scheduler (a run of 2,000 contests), both with their bounds.
const MEASURED_PEAK_MIB: Record<string, number> = {
  ingestion: 486,
  enrichment: 486,
  dedupe: 486,
  'ticket-rules': 486,
  'ticket-wallet': 348,
  'prize-draw': 406,
  'sca-export': 170,
  console: 284,
  notifications: 294,
  decisions: 148,
  'onsite-gateway': 249,
  'instant-win': 173,
  'message-queue': 280,
  scheduler: 296,
};

/**
 * Paths of the files a container sees from its mounted Secrets or ConfigMaps (one per key, or per item), of
 * objects that exist: a mount of a missing object or key gives no file.
 */
function mountedFiles(
  objects: readonly K8sObject[],
  { workload, container }: WorkloadContainer,
  source: 'secret' | 'configMap',
): Set<string> {
  const volumes = workload.spec.template.spec.volumes ?? [];
  const files = new Set<string>();
  for (const mount of container.volumeMounts ?? []) {
    const volume = volumes.find((v: { name: string }) => v.name === mount.name)?.[source];
    if (!volume) continue;
    const object = objects.find((o) =>
      source === 'secret'
        ? o.kind === 'Secret' && o.metadata.name === volume.secretName
        : o.kind === 'ConfigMap' && o.metadata.name === volume.name,
    );
    const keys = Object.keys({ ...object?.data, ...object?.binaryData });
    const items: { key: string; path: string }[] = volume.items ?? keys.map((key) => ({ key, path: key }));
    for (const { path } of items.filter((item) => keys.includes(item.key)))
      files.add(posix.join(mount.mountPath, path));
  }
  return files;
}

/** `*_FILE` variables of a container whose path is no file of a Secret or ConfigMap mounted in it. */
function unmountedFiles(objects: readonly K8sObject[], workload: WorkloadContainer): string[] {
  const files = new Set([
    ...mountedFiles(objects, workload, 'secret'),
    ...mountedFiles(objects, workload, 'configMap'),
  ]);
  return (workload.container.env ?? [])
    .filter((e: { name: string; value?: string }) => e.name.endsWith('_FILE') && e.value !== undefined)
    .filter((e: { value: string }) => !files.has(e.value))
    .map((e: { name: string }) => e.name);
}

describe('deploy/k8s manifests', () => {
  let rendered: { yaml: string; objects: K8sObject[] };
  let services: WorkloadContainer[];
  // A generated ConfigMap's name is its generator's name and a hash suffix (prizedraw-… names others too).
  const configMap = (name: string) =>
    rendered.objects.find(
      (o) => o.kind === 'ConfigMap' && new RegExp(`^${name}-[a-z0-9]+$`).test(o.metadata.name),
    )!;
  beforeAll(async () => {
    rendered = await kustomizeBuild(OVERLAY);
    services = containersOf(rendered.objects).filter((c) => c.workload.kind !== 'Job');
  }, 240_000);

  const validate = async (yaml: string, version: string) => {
    const file = join(await mkdtemp(join(tmpdir(), 'k8s-')), 'rendered.yaml');
    await writeFile(file, yaml);
    return runTool('kubernetes-validate', ['--strict', '--quiet', '-k', version, file]);
  };

  it.each(KUBERNETES_VERSIONS)(
    'when the base and the example overlay are built, then every object is valid for Kubernetes %s (strict: no unknown field)',
    async (version) => {
      expect(rendered.objects.length).toBeGreaterThan(20);
      const run = await validate(rendered.yaml, version);
      expect(run.stderr + run.stdout).toBe('');
      expect(run.code).toBe(0);
    },
  );

  it('when a field is misspelt, then the schema check fails naming it (it is not vacuous)', async () => {
    const run = await validate(
      rendered.yaml.replace('readinessProbe:', 'readynessProbe:'),
      KUBERNETES_VERSIONS[0]!,
    );
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toContain("'readynessProbe' was unexpected");
  });

  it('when the services folder is listed, then each service runs in a workload of its own and the CLI in the topics Job', () => {
    const run = containersOf(rendered.objects).map(servicesRun);
    const folders = readdirSync(join(REPO, 'services')).sort();
    expect([...new Set(run.flat())].sort()).toEqual(folders);
    expect(run.filter((names) => names.length > 1)).toEqual([]);
    const job = containersOf(rendered.objects).find((c) => c.workload.kind === 'Job')!;
    expect(job.container.args).toEqual(['topics', 'create']);
  });

  it('when a container sets an environment variable, then the commands it runs read it, and every reference resolves', () => {
    for (const workload of containersOf(rendered.objects)) {
      const name = workload.workload.metadata.name;
      expect({ name, unread: unreadVariables(rendered.objects, workload) }).toEqual({ name, unread: [] });
      expect({ name, missing: missingReferences(rendered.objects, workload) }).toEqual({ name, missing: [] });
    }
  });

  it('when a variable no command reads is set, then the check names it (it is not vacuous)', () => {
    const dedupe = structuredClone(services.find((c) => servicesRun(c)[0] === 'dedupe')!);
    dedupe.container.env.push({ name: 'FTP_HOST', value: 'ftp.example' });
    expect(unreadVariables(rendered.objects, dedupe)).toEqual(['FTP_HOST']);
  });

  it("when the rendered environment is parsed by each command's own config schema, then it is valid", () => {
    for (const workload of containersOf(rendered.objects)) {
      const env = environmentOf(rendered.objects, workload);
      expect(() => parseConfig(schemaOf(servicesRun(workload)), env)).not.toThrow();
    }
  });

  it('when credentials are needed, then they come from Secrets, never from a ConfigMap or a plain value', () => {
    const secretLike = /PASSWORD|SECRET|ACCESS_KEY|MYSQL_URL|FTP_USER|TOKEN/;
    for (const object of rendered.objects.filter((o) => o.kind === 'ConfigMap')) {
      expect(Object.keys(object.data ?? {}).filter((key) => secretLike.test(key))).toEqual([]);
      expect(Object.values<string>(object.data ?? {}).filter((v) => /:\/\/[^/\s]*:[^/\s]*@/.test(v))).toEqual(
        [],
      );
    }
    for (const workload of containersOf(rendered.objects)) {
      const plain = (workload.container.env ?? []).filter(
        (e: { name: string; value?: string }) => e.value !== undefined,
      );
      // A variable naming the file that holds a secret (API_TOKEN_SECRET_FILE) is a path, not the secret: it
      // passes only when that file is a key of a Secret mounted in the container.
      const inSecret = mountedFiles(rendered.objects, workload, 'secret');
      expect(
        plain
          .filter(
            (e: { name: string; value: string }) => !(e.name.endsWith('_FILE') && inSecret.has(e.value)),
          )
          .map((e: { name: string }) => e.name)
          .filter((name: string) => secretLike.test(name)),
      ).toEqual([]);
    }
  });

  it('when a container mounts Secrets, ConfigMaps and claims, then each exists, and every *_FILE variable names a file of them', () => {
    for (const workload of containersOf(rendered.objects)) {
      const name = workload.workload.metadata.name;
      expect({ name, unmounted: unmountedFiles(rendered.objects, workload) }).toEqual({
        name,
        unmounted: [],
      });
      const exists = (kind: string, objectName: string) =>
        rendered.objects.some((o) => o.kind === kind && o.metadata.name === objectName);
      const missing = (workload.workload.spec.template.spec.volumes ?? []).flatMap(
        // biome-ignore lint/suspicious/noExplicitAny: a rendered volume, checked field by field
        (v: any) => {
          if (v.secret && !v.secret.optional && !exists('Secret', v.secret.secretName))
            return [`Secret ${v.secret.secretName}`];
          if (v.configMap && !v.configMap.optional && !exists('ConfigMap', v.configMap.name))
            return [`ConfigMap ${v.configMap.name}`];
          const claim = v.persistentVolumeClaim?.claimName;
          return claim && !exists('PersistentVolumeClaim', claim) ? [`PersistentVolumeClaim ${claim}`] : [];
        },
      );
      expect({ name, missing }).toEqual({ name, missing: [] });
    }
  });

  it('when a *_FILE variable names a file no mounted Secret holds, then the check names it (it is not vacuous)', () => {
    const gateway = structuredClone(services.find((c) => servicesRun(c)[0] === 'onsite-gateway')!);
    const token = gateway.container.env.find((e: { name: string }) => e.name === 'API_TOKEN_SECRET_FILE');
    token.value = '/var/run/secrets/prizedraw/api-token/other';
    expect(unmountedFiles(rendered.objects, gateway)).toEqual(['API_TOKEN_SECRET_FILE']);
    gateway.workload.spec.template.spec.volumes = [];
    token.value = '/var/run/secrets/prizedraw/api-token/secret';
    expect(unmountedFiles(rendered.objects, gateway)).toEqual(['API_TOKEN_SECRET_FILE']);
  });

  it('when the decisions rules are deployed, then their ConfigMap holds the rules file the service ships', () => {
    const shipped = readFileSync(join(REPO, 'services/decisions/rules/prizedraw.yaml'), 'utf8');
    expect(configMap('prizedraw-decisions-rules').data['prizedraw.yaml']).toBe(shipped);
  });

  it('when the probes and the scrape annotation are followed, then the real process serves them on HTTP_PORT', async () => {
    const httpPort = Number(configMap('prizedraw').data.HTTP_PORT);
    const paths = new Set<string>();
    for (const { workload, container } of services) {
      expect(container.ports).toEqual([{ name: 'http', containerPort: httpPort }]);
      const annotations = workload.spec.template.metadata.annotations;
      expect(annotations['prometheus.io/port']).toBe(String(httpPort));
      paths.add(annotations['prometheus.io/path']);
      for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
        expect(container[probe].httpGet.port).toBe('http');
        paths.add(container[probe].httpGet.path);
      }
    }
    expect([...paths].sort()).toEqual(['/health/live', '/health/ready', '/metrics']);
    const config = parseConfig(baseConfigSchema, {
      KAFKA_BROKERS: brokers().join(','),
      BRAND: uniqueName('probes'),
      PARTITIONS: '1',
      HTTP_PORT: '0',
      LOG_LEVEL: 'silent',
    });
    const running = await runServices([], config);
    try {
      for (const path of paths)
        expect([path, (await fetch(`${running.url}${path}`)).status]).toEqual([path, 200]);
    } finally {
      await running.close();
    }
  });

  it('when a service keeps LevelDB stores, then it runs as a StatefulSet whose volume holds STATE_DIR', () => {
    const stateful = servicesWithStores();
    expect(stateful.length).toBeGreaterThan(0);
    const stateDir = configMap('prizedraw').data.STATE_DIR;
    for (const service of services) {
      const [name] = servicesRun(service);
      const { workload, container } = service;
      expect([name, workload.kind]).toEqual([name, stateful.includes(name!) ? 'StatefulSet' : workload.kind]);
      const mount = container.volumeMounts.find((m: { name: string }) => m.name === 'state');
      expect(stateDir.startsWith(`${mount.mountPath}/`)).toBe(true);
      if (workload.kind === 'StatefulSet') {
        expect(workload.spec.volumeClaimTemplates.map((t: K8sObject) => t.metadata.name)).toEqual(['state']);
      }
    }
  });

  it("when memory is limited, then the limit holds the benchmarks' peak and the V8 heap bound leaves room below it", () => {
    for (const service of services) {
      const [name] = servicesRun(service);
      const { requests, limits } = service.container.resources;
      const limit = mebibytes(limits.memory);
      expect([name, mebibytes(requests.memory)]).toEqual([name, limit]);
      const env = environmentOf(rendered.objects, service);
      const heap = Number(/--max-old-space-size=(\d+)/.exec(env.NODE_OPTIONS ?? '')?.[1]);
      expect([name, heap <= limit * 0.55]).toEqual([name, true]);
      expect([name, limit >= (MEASURED_PEAK_MIB[name!] ?? 0)]).toEqual([name, true]);
    }
  });

  it('when the namespace enforces the restricted Pod Security Standard, then every pod meets its rules', () => {
    const namespace = rendered.objects.find((o) => o.kind === 'Namespace')!;
    expect(namespace.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
    for (const { workload, container } of containersOf(rendered.objects)) {
      const pod = workload.spec.template.spec;
      const name = workload.metadata.name;
      const runsAsNonRoot = container.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
      const seccomp =
        container.securityContext?.seccompProfile?.type ?? pod.securityContext?.seccompProfile?.type;
      expect({ name, runsAsNonRoot, seccomp }).toEqual({
        name,
        runsAsNonRoot: true,
        seccomp: 'RuntimeDefault',
      });
      expect(container.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
      });
      expect(container.securityContext.capabilities.add).toBeUndefined();
      expect((pod.volumes ?? []).filter((v: { hostPath?: unknown }) => v.hostPath)).toEqual([]);
      expect([pod.hostNetwork, pod.hostPID, pod.hostIPC, container.securityContext.privileged]).toEqual([
        undefined,
        undefined,
        undefined,
        undefined,
      ]);
    }
  });

  it('when pods are evicted, then a PodDisruptionBudget lets only one instance of each service go at a time', () => {
    const budgets = rendered.objects.filter((o) => o.kind === 'PodDisruptionBudget');
    for (const { workload } of services) {
      const labels = workload.spec.template.metadata.labels;
      const matching = budgets.filter((b) =>
        Object.entries<string>(b.spec.selector.matchLabels).every(([k, v]) => labels[k] === v),
      );
      expect([workload.metadata.name, matching.map((b) => b.spec.maxUnavailable)]).toEqual([
        workload.metadata.name,
        [1],
      ]);
    }
  });
});
