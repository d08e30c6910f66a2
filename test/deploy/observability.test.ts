import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseConfigSchema, parseConfig } from '@prizedraw/service';
import { parse, stringify } from 'yaml';
import { uniqueName } from '../support/kafka';
import { startServiceProcess } from '../support/service-process';
import { kustomizeBuild, REPO, runTool, toolsBin } from './support/deploy-tools';
import { exportedSeriesNames, metricNamesIn } from './support/promql-names';

// deploy/observability: the alert rules checked and unit-tested by promtool, the dashboard's queries parsed by
// promtool, and every metric either reads checked against what `prizedraw start all` really exports.

const OBSERVABILITY = join(REPO, 'deploy/observability');
const PROMETHEUS = join(OBSERVABILITY, 'prometheus');
// Series Prometheus makes itself.
const PROMETHEUS_SERIES = new Set(['up', 'ALERTS']);

const readYaml = (path: string) => parse(readFileSync(path, 'utf8'));
const rules = readYaml(join(PROMETHEUS, 'alerts.yml')).groups.flatMap(
  (g: { rules: unknown[] }) => g.rules,
) as {
  alert: string;
  expr: string;
}[];
const dashboard = JSON.parse(readFileSync(join(OBSERVABILITY, 'grafana/dashboards/prizedraw.json'), 'utf8'));
type Target = { expr: string; datasource: { uid: string } };
type Panel = { id: number; type: string; title: string; datasource?: { uid: string }; targets?: Target[] };
const panels = (dashboard.panels as Panel[]).filter((panel) => panel.type !== 'row');
const dashboardExprs = [
  ...panels.flatMap((panel) => panel.targets!.map((target) => target.expr)),
  ...dashboard.annotations.list.map((annotation: { expr: string }) => annotation.expr),
];
// Grafana's variables, replaced as Grafana would before the query reaches Prometheus.
const asSent = (expr: string) => expr.replaceAll('$__rate_interval', '1m').replaceAll('$application', '.*');

async function promtool(args: string[], files: Record<string, string> = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'promtool-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return runTool(
    'promtool',
    args.map((arg) => (arg in files ? join(dir, arg) : arg)),
  );
}

describe('deploy/observability', () => {
  // Installs the tools on a machine that has not run scripts/bootstrap.sh (about a minute and a half).
  beforeAll(() => void toolsBin(), 240_000);

  it('when promtool checks the alert rules, then they are valid', async () => {
    const run = await runTool('promtool', ['check', 'rules', join(PROMETHEUS, 'alerts.yml')]);
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toContain(`SUCCESS: ${rules.length} rules found`);
  });

  it("when promtool runs the rules' unit tests, then each alert fires on its bad series and stays silent on its good one", async () => {
    const run = await runTool('promtool', ['test', 'rules', join(PROMETHEUS, 'alerts.test.yml')]);
    expect(run.stdout + run.stderr).toContain('SUCCESS');
    expect(run.code).toBe(0);
  });

  it('when the unit tests are listed, then every alert has a case where it fires and one where it stays silent', () => {
    const cases = readYaml(join(PROMETHEUS, 'alerts.test.yml')).tests.flatMap(
      (test: { alert_rule_test: { alertname: string; exp_alerts: unknown[] }[] }) => test.alert_rule_test,
    );
    for (const { alert } of rules) {
      const of = cases.filter((c: { alertname: string }) => c.alertname === alert);
      const outcomes = new Set(of.map((c: { exp_alerts: unknown[] }) => c.exp_alerts.length > 0));
      expect([alert, [...outcomes].sort()]).toEqual([alert, [false, true]]);
    }
  });

  it("when the dashboard's queries are given to promtool as recording rules, then every one parses", async () => {
    const groups = [
      {
        name: 'dashboard',
        rules: dashboardExprs.map((expr, i) => ({ record: `dashboard:query_${i}`, expr: asSent(expr) })),
      },
    ];
    const run = await promtool(['check', 'rules', 'dashboard.yml'], {
      'dashboard.yml': stringify({ groups }),
    });
    expect(run.stdout + run.stderr).toContain(`SUCCESS: ${dashboardExprs.length} rules found`);
  });

  it('when a query is not PromQL, then that check fails (it is not vacuous)', async () => {
    const groups = [
      {
        name: 'dashboard',
        rules: [{ record: 'dashboard:broken', expr: 'sum by (application (rate(x[5m]))' }],
      },
    ];
    const run = await promtool(['check', 'rules', 'broken.yml'], { 'broken.yml': stringify({ groups }) });
    expect(run.code).not.toBe(0);
  });

  it('when the dashboard is provisioned, then every panel and query uses the provisioned Prometheus datasource', () => {
    const datasources = readYaml(
      join(OBSERVABILITY, 'grafana/provisioning/datasources/prometheus.yml'),
    ).datasources;
    expect(datasources).toEqual([expect.objectContaining({ type: 'prometheus', uid: 'prometheus' })]);
    expect(new Set(panels.map((panel) => panel.id)).size).toBe(panels.length);
    for (const panel of panels) {
      expect([panel.title, panel.datasource?.uid]).toEqual([panel.title, 'prometheus']);
      for (const target of panel.targets!) expect(target.datasource.uid).toBe('prometheus');
    }
    const provider = readYaml(join(OBSERVABILITY, 'grafana/provisioning/dashboards/prizedraw.yml'))
      .providers[0];
    expect(provider).toMatchObject({ type: 'file', options: { path: expect.stringMatching(/^\//) } });
  });

  it('when Prometheus scrapes the pods of deploy/k8s, then the configuration is valid and follows their annotations', async () => {
    const config = readYaml(join(PROMETHEUS, 'prometheus.yml'));
    const [job] = config.scrape_configs;
    const { objects } = await kustomizeBuild('deploy/k8s/overlays/example');
    const namespace = objects.find((o) => o.kind === 'Namespace')!.metadata.name;
    expect(job.kubernetes_sd_configs[0].namespaces.names).toEqual([namespace]);
    const annotations = objects
      .filter((o) => o.kind === 'StatefulSet' || o.kind === 'Deployment')
      .map((o) => Object.keys(o.spec.template.metadata.annotations).sort());
    const read = job.relabel_configs.flatMap((r: { source_labels: string[] }) => r.source_labels);
    for (const keys of annotations) {
      for (const key of keys)
        expect(read).toContain(`__meta_kubernetes_pod_annotation_${key.replace(/[./]/g, '_')}`);
    }
    // Debian's promtool is built without Kubernetes discovery: the rest of the file is checked with a static target.
    const { kubernetes_sd_configs: _, ...rest } = job;
    const checkable = {
      ...config,
      rule_files: [join(PROMETHEUS, 'alerts.yml')],
      scrape_configs: [{ ...rest, static_configs: [{ targets: ['127.0.0.1:8080'] }] }],
    };
    const run = await promtool(['check', 'config', 'prometheus.yml'], {
      'prometheus.yml': stringify(checkable),
    });
    expect(run.stdout + run.stderr).toContain('SUCCESS');
    expect(run.code).toBe(0);
  });

  it('when docker compose runs prometheus and grafana, then Prometheus scrapes prizedraw where it listens and Grafana mounts what provisioning reads', async () => {
    const compose = readYaml(join(REPO, 'docker-compose.yml')).services;
    const { HTTP_HOST, HTTP_PORT } = parseConfig(baseConfigSchema, compose.prizedraw.environment);
    expect(HTTP_HOST).toBe('0.0.0.0');
    const mounts = (service: { volumes: string[] }) =>
      new Map(
        service.volumes.map((volume) => volume.split(':')).map(([from, to]) => [to!, join(REPO, from!)]),
      );
    const configFile = compose.prometheus.command[0].replace('--config.file=', '');
    const prometheusDir = mounts(compose.prometheus).get('/etc/prometheus')!;
    const config = readYaml(join(prometheusDir, configFile.replace('/etc/prometheus/', '')));
    expect(config.scrape_configs[0].static_configs[0].targets).toEqual([`prizedraw:${HTTP_PORT}`]);
    const run = await runTool('promtool', ['check', 'config', join(prometheusDir, 'compose.yml')]);
    expect(run).toMatchObject({ code: 0 });
    const grafana = mounts(compose.grafana);
    const provider = readYaml(join(OBSERVABILITY, 'grafana/provisioning/dashboards/prizedraw.yml'))
      .providers[0];
    expect(grafana.get(provider.options.path)).toBe(join(OBSERVABILITY, 'grafana/dashboards'));
    expect(grafana.get('/etc/grafana/provisioning/datasources')).toBe(
      join(OBSERVABILITY, 'grafana/provisioning/datasources'),
    );
    expect(compose.grafana.environment.PROMETHEUS_URL).toBe('http://prometheus:9090');
  });

  it('when prizedraw start all runs, then the alerts and the dashboard read only metrics it exports', async () => {
    // Nine stream applications join their groups one after the other: ~45 s here.
    const running = await startServiceProcess(
      ['all'],
      { BRAND: uniqueName('metrics'), PARTITIONS: '1', LOG_LEVEL: 'error' },
      { readyTimeoutMs: 100_000 },
    );
    let exported: Set<string>;
    try {
      exported = exportedSeriesNames(await (await fetch(`${running.url}/metrics`)).text());
    } finally {
      await running.stop();
    }
    expect(exported).toContain('prizedraw_sca_exports_total');
    const read = [...rules.map((rule) => rule.expr), ...dashboardExprs].flatMap(metricNamesIn);
    expect(read).toContain('prizedraw_prize_draw_duration_seconds_bucket');
    const unknown = [...new Set(read)].filter((name) => !exported.has(name) && !PROMETHEUS_SERIES.has(name));
    expect(unknown).toEqual([]);
  });
});
