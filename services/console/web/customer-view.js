// A customer: their tickets in each draw (live while it is open) and their result once it has run.
import { api } from './api.js';
import { h, number } from './dom.js';

export function showCustomer(accountId, { view, fail }) {
  const rows = h('tbody', { id: 'customer-draws' });
  view.replaceChildren(
    h('p', {}, h('a', { href: '#/draws' }, '← Draws')),
    h('h1', {}, `Customer ${accountId}`),
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
            ...['Draw', 'State', 'Tickets', 'Best ticket', 'Outcome', 'Prize', 'Rank'].map((t) =>
              h('th', { scope: 'col' }, t),
            ),
          ),
        ),
        rows,
      ),
    ),
  );
  api(`/v1/console/customers/${encodeURIComponent(accountId)}`).then(
    ({ draws }) =>
      rows.replaceChildren(
        ...draws.map((draw) =>
          h(
            'tr',
            { 'data-draw-id': draw.drawId },
            h('td', {}, h('a', { href: `#/draws/${encodeURIComponent(draw.drawId)}` }, draw.drawId)),
            h('td', {}, draw.state),
            h('td', { class: 'number' }, number(draw.tickets)),
            h('td', { 'data-field': 'best-ticket' }, h('code', {}, draw.bestTicket ?? '—')),
            h('td', { 'data-field': 'outcome' }, draw.result?.outcome ?? '—'),
            h('td', {}, draw.result?.prize?.name ?? '—'),
            h('td', { class: 'number' }, draw.result ? number(draw.result.rank) : '—'),
          ),
        ),
      ),
    fail,
  );
  return () => undefined;
}

/** A form that opens a customer's page. */
export const customerSearch = () => {
  const input = h('input', { id: 'customer', name: 'customer', type: 'search', required: true });
  return h(
    'form',
    {
      role: 'search',
      id: 'customer-search',
      onsubmit: (event) => {
        event.preventDefault();
        location.hash = `#/customers/${encodeURIComponent(input.value.trim())}`;
      },
    },
    h('label', { for: 'customer' }, 'Find a customer (account id)'),
    input,
    h('button', { type: 'submit' }, 'Open'),
  );
};
