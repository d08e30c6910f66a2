// Health: the consumer lag of each stream application of the deployment, and the throughput and end-to-end
// latency of the topics the console reads (from the events' timelines), now and as small charts of the last
// samples (inline SVG lines: no chart library for one kind of chart).
import { api } from './api.js';
import { h, number, table } from './dom.js';

const REFRESH_MS = 5000;
const SVG = 'http://www.w3.org/2000/svg';

export function showHealth({ view, fail }) {
  const processes = h('tbody', { id: 'readiness' });
  const rows = h('tbody', { id: 'lag' });
  const flow = h('tbody', { id: 'throughput' });
  const stages = h('tbody', { id: 'stages' });
  const sampled = h('p', { id: 'sampled-at' });
  view.replaceChildren(
    h('h1', {}, 'Health'),
    h('h2', {}, 'Processes'),
    h(
      'p',
      {},
      'Each process’s own readiness (its /health/ready), asked every few seconds: those in ' +
        'CONSOLE_SERVICE_URLS, else the console’s own.',
    ),
    table(['Process', 'Readiness', 'Applications not ready, or why unreachable', 'Asked at'], processes),
    h('h2', {}, 'Consumer lag'),
    h(
      'p',
      {},
      'Consumer lag: offsets on each application’s input topics past what it committed. A quiet application ' +
        'shows up to one per partition of a transactional input topic: the commit marker after its last record.',
    ),
    sampled,
    table(['Application', 'Lag', 'Last samples', 'By topic'], rows),
    h('h2', {}, 'Throughput and end-to-end latency'),
    h(
      'p',
      {},
      'Records written to each topic per second, and the time from the first stamp of their timeline (when ' +
        'the activity occurred) to when they were written, by sampling interval.',
    ),
    table(['Topic', 'Records/s', 'Last samples', 'Mean latency', 'Last samples', 'Max latency'], flow),
    h('h2', {}, 'Time added by each stage'),
    table(['Stage', 'Records', 'Mean time after the previous stamp'], stages),
  );
  const refresh = () =>
    api('/v1/console/health').then(({ sampledAt, groups, topics, stages: stageTimes }) => {
      sampled.textContent = sampledAt
        ? `Sampled at ${new Date(sampledAt).toLocaleTimeString()}`
        : 'Not sampled yet';
      rows.replaceChildren(
        ...groups.map((group) =>
          h(
            'tr',
            { 'data-group': group.group },
            h('th', { scope: 'row' }, group.group),
            h('td', { class: 'number', 'data-field': 'lag' }, number(group.lag)),
            h(
              'td',
              {},
              sparkline(group.history, `lag of ${group.group} over the last ${group.history.length} samples`),
            ),
            h('td', {}, group.topics.map((t) => `${t.topic}: ${number(t.lag)}`).join(', ')),
          ),
        ),
      );
      flow.replaceChildren(...topics.map(topicRow));
      stages.replaceChildren(
        ...stageTimes.map((s) =>
          h(
            'tr',
            { 'data-stage': s.stage },
            h('th', { scope: 'row' }, s.stage),
            h('td', { class: 'number' }, number(s.records)),
            h('td', { class: 'number', 'data-field': 'hop' }, `${number(s.meanHopMs)} ms`),
          ),
        ),
      );
    }, fail);
  const refreshReadiness = () =>
    api('/v1/console/health/services').then(
      ({ services }) => processes.replaceChildren(...services.map(readinessRow)),
      fail,
    );
  const both = () => {
    refresh();
    refreshReadiness();
  };
  both();
  const timer = setInterval(both, REFRESH_MS);
  return () => clearInterval(timer);
}

function readinessRow(service) {
  const name = service.url ?? 'this console’s process';
  return h(
    'tr',
    { 'data-process': name },
    h('th', { scope: 'row' }, name),
    h('td', { 'data-field': 'status' }, service.status),
    h(
      'td',
      { 'data-field': 'detail' },
      service.status === 'unreachable' ? service.reason : service.notReady.join(', ') || '—',
    ),
    h('td', {}, new Date(service.checkedAt).toLocaleTimeString()),
  );
}

// The last complete interval's figures (the newest one is still filling), and the charts of all of them.
function topicRow(topic) {
  const complete = topic.perSecond.length - 2;
  const latencies = topic.meanLatencyMs.map((v) => v ?? 0);
  const ms = (v) => (v === null || v === undefined ? '—' : `${number(v)} ms`);
  return h(
    'tr',
    { 'data-topic': topic.topic },
    h('th', { scope: 'row' }, topic.topic),
    h('td', { class: 'number', 'data-field': 'per-second' }, number(topic.perSecond[complete] ?? 0)),
    h('td', {}, sparkline(topic.perSecond, `records per second on ${topic.topic}, last samples`)),
    h('td', { class: 'number', 'data-field': 'latency' }, ms(lastKnown(topic.meanLatencyMs))),
    h('td', {}, sparkline(latencies, `mean end-to-end latency on ${topic.topic}, last samples`)),
    h('td', { class: 'number', 'data-field': 'max-latency' }, ms(lastKnown(topic.maxLatencyMs))),
  );
}

const lastKnown = (values) => values.findLast((v) => v !== null);

function sparkline(values, label) {
  const width = 160;
  const height = 32;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const line = document.createElementNS(SVG, 'polyline');
  line.setAttribute(
    'points',
    values
      .map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`)
      .join(' '),
  );
  line.setAttribute('fill', 'none');
  line.setAttribute('stroke', '#23395d');
  line.setAttribute('stroke-width', '2');
  svg.append(line);
  return svg;
}
