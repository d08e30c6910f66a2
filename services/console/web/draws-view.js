// The Draws page: every draw with its state and counts (refreshed), and the form that defines one.
import { api, Problem } from './api.js';
import { customerSearch } from './customer-view.js';
import { h, number, replaceRows } from './dom.js';

const REFRESH_MS = 2000;

export function showDraws({ view, fail }) {
  const rows = h('tbody', { id: 'draws' });
  const issues = h('ul', { class: 'issues', id: 'define-issues', 'aria-live': 'polite' });
  view.replaceChildren(
    h('h1', {}, 'Draws'),
    customerSearch(),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        {},
        h('caption', { class: 'visually-hidden' }, 'Every defined draw'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['Draw', 'Promotion', 'State', 'Entrants', 'Tickets', 'Opens', 'Closes'].map((t) =>
              h('th', { scope: 'col' }, t),
            ),
          ),
        ),
        rows,
      ),
    ),
    h('h2', {}, 'Define a draw'),
    defineForm(issues, () => refresh()),
    issues,
  );
  const refresh = async () => {
    try {
      const { draws } = await api('/v1/console/draws');
      replaceRows(rows, draws.map(drawRow));
    } catch (problem) {
      fail(problem);
    }
  };
  refresh();
  const timer = setInterval(refresh, REFRESH_MS);
  return () => clearInterval(timer);
}

const drawRow = (draw) =>
  h(
    'tr',
    { 'data-draw-id': draw.drawId },
    h('td', {}, h('a', { href: `#/draws/${encodeURIComponent(draw.drawId)}` }, draw.drawId)),
    h('td', {}, draw.promoCode),
    h('td', {}, h('span', { class: 'state', 'data-state': draw.state }, draw.state)),
    h('td', { class: 'number', 'data-field': 'entrants' }, number(draw.entrants)),
    h('td', { class: 'number', 'data-field': 'tickets' }, number(draw.tickets)),
    h('td', {}, h('time', { datetime: draw.opensAt }, draw.opensLocal)),
    h('td', {}, h('time', { datetime: draw.closesAt }, draw.closesLocal)),
  );

const field = (label, name, attributes = {}) =>
  h(
    'label',
    {},
    label,
    h(attributes.tag ?? 'input', { name, id: `define-${name}`, ...attributes, tag: undefined }),
  );

function defineForm(issues, defined) {
  const now = new Date();
  const form = h(
    'form',
    { class: 'grid', id: 'define', onsubmit: (event) => submit(event) },
    field('Draw id', 'drawId', { required: true }),
    field('Promotion code', 'promoCode', { required: true }),
    field('Opens at (ISO-8601 with offset)', 'opensAt', { value: now.toISOString(), required: true }),
    field('Closes at (ISO-8601 with offset)', 'closesAt', {
      value: new Date(now.getTime() + 3_600_000).toISOString(),
      required: true,
    }),
    field('Time zone', 'timezone', { value: 'Europe/London', required: true }),
    h(
      'label',
      {},
      'Administrator',
      h(
        'select',
        { name: 'administrator', id: 'define-administrator' },
        h('option', {}, 'in-house'),
        h('option', {}, 'sca'),
      ),
    ),
    field('Stake per ticket (minor units)', 'stakePerTicketMinor', { type: 'number', min: 1, value: 500 }),
    field('Milestones (comma-separated)', 'milestones', { value: '10, 50' }),
    field('Prizes, one a line: id, name, quantity', 'prizes', { tag: 'textarea', rows: 3, required: true }),
    field('Default prize (id, name; empty for none)', 'defaultPrize'),
    h('p', {}, h('button', { type: 'submit' }, 'Define draw')),
  );
  const submit = async (event) => {
    event.preventDefault();
    issues.replaceChildren();
    try {
      await api('/v1/console/draws', { method: 'POST', body: definitionOf(new FormData(form)) });
      issues.replaceChildren(h('li', { class: 'done' }, `Defined ${form.elements.drawId.value}`));
      defined();
    } catch (problem) {
      if (!(problem instanceof Problem)) throw problem;
      const shown = problem.issues.length
        ? problem.issues.map((i) => `${i.field}: ${i.message}`)
        : [problem.message];
      issues.replaceChildren(...shown.map((text) => h('li', {}, text)));
    }
  };
  return form;
}

// The form as a draw-defined body; the server validates it with the schema `prizedraw draws define` uses.
function definitionOf(data) {
  const text = (name) => String(data.get(name) ?? '').trim();
  const [prizeId, ...name] = text('defaultPrize')
    .split(',')
    .map((part) => part.trim());
  return {
    drawId: text('drawId'),
    promoCode: text('promoCode'),
    opensAt: text('opensAt'),
    closesAt: text('closesAt'),
    timezone: text('timezone'),
    administrator: text('administrator'),
    ...(text('stakePerTicketMinor') ? { stakePerTicketMinor: Number(text('stakePerTicketMinor')) } : {}),
    milestones: text('milestones')
      ? text('milestones')
          .split(',')
          .map((m) => Number(m.trim()))
      : [],
    prizes: text('prizes')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => {
        const [id, prizeName, quantity] = line.split(',').map((part) => part.trim());
        return { prizeId: id, name: prizeName, quantity: Number(quantity) };
      }),
    defaultPrize: prizeId ? { prizeId, name: name.join(',') } : null,
  };
}
