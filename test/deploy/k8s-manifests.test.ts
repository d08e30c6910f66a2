import { readdirSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
// million entries (--max-old-space-size=96 --max-semi-space-size=4). The scheduler was not measured.
const MEASURED_PEAK_MIB: Record<string, number> = {
  ingestion: 486,
  enrichment: 486,
  dedupe: 486,
  'ticket-rules': 486,
  'ticket-wallet': 362,
  'prize-draw': 256,
  'sca-export': 170,
};

describe('deploy/k8s manifests', () => {
  let rendered: { yaml: string; objects: K8sObject[] };
  let services: WorkloadContainer[];
  const configMap = (name: string) =>
    rendered.objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith(`${name}-`))!;

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
    for (const { container } of containersOf(rendered.objects)) {
      const plain = (container.env ?? []).filter(
        (e: { name: string; value?: string }) => e.value !== undefined,
      );
      expect(
        plain.map((e: { name: string }) => e.name).filter((name: string) => secretLike.test(name)),
      ).toEqual([]);
    }
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
