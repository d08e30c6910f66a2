// A customer: their tickets in each draw (live while it is open), their result once it has run, and the
// messages queued for them with what became of each.
import { api } from './api.js';
import { h, number, table } from './dom.js';

const STATUS_TEXT = {
  waiting: 'waiting in the queue',
  expired: 'expired',
  deleted: 'deleted by an instruction',
  delivered: 'delivered',
  'not-read': 'not read by the queue yet',
};

export function showCustomer(accountId, { view, fail }) {
  const rows = h('tbody', { id: 'customer-draws' });
  const messages = h('tbody', { id: 'customer-messages' });
  view.replaceChildren(
    h('p', {}, h('a', { href: '#/draws' }, '← Draws')),
    h('h1', {}, `Customer ${accountId}`),
    table(['Draw', 'State', 'Tickets', 'Best ticket', 'Outcome', 'Prize', 'Rank'], rows),
    h('h2', {}, 'Messages queued'),
    h(
      'p',
      {},
      'Messages the customer was not on site for, newest first, and what the message queue did with them. ' +
        'A message shown at once on an open page is not queued and not listed.',
    ),
    table(['Queued', 'Type', 'Title', 'Expires', 'Status'], messages),
  );
  api(`/v1/console/customers/${encodeURIComponent(accountId)}`).then((customer) => {
    messages.replaceChildren(...customer.messages.map(messageRow));
    rows.replaceChildren(
      ...customer.draws.map((draw) =>
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
    );
  }, fail);
  return () => undefined;
}

const messageRow = ({ message, queuedAt, status }) =>
  h(
    'tr',
    { 'data-message-id': message.messageId },
    h('td', {}, h('time', { datetime: queuedAt }, queuedAt)),
    h('td', {}, message.messageType),
    h('td', {}, message.title),
    h('td', {}, h('time', { datetime: message.expiresAt }, message.expiresAt)),
    h(
      'td',
      { 'data-field': 'status', 'data-status': status ?? 'unknown' },
      STATUS_TEXT[status] ?? 'unknown (no MYSQL_URL)',
    ),
  );

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
