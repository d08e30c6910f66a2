// Health: the consumer lag of each stream application of the deployment, now and as a small chart of the
// last samples (an inline SVG line: no chart library for one kind of chart).
import { api } from './api.js';
import { h, number } from './dom.js';

const REFRESH_MS = 5000;
const SVG = 'http://www.w3.org/2000/svg';

export function showHealth({ view, fail }) {
  const rows = h('tbody', { id: 'lag' });
  const sampled = h('p', { id: 'sampled-at' });
  view.replaceChildren(
    h('h1', {}, 'Health'),
    h(
      'p',
      {},
      'Consumer lag: offsets on each application’s input topics past what it committed. A quiet application ' +
        'shows up to one per partition of a transactional input topic: the commit marker after its last record.',
    ),
    sampled,
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['Application', 'Lag', 'Last samples', 'By topic'].map((t) => h('th', { scope: 'col' }, t)),
          ),
        ),
        rows,
      ),
    ),
  );
  const refresh = () =>
    api('/v1/console/health').then(({ sampledAt, groups }) => {
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
    }, fail);
  refresh();
  const timer = setInterval(refresh, REFRESH_MS);
  return () => clearInterval(timer);
}

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
