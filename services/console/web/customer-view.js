// A customer: their tickets in each draw (live while it is open), their result once it has run, and their
// messages: those delivered at once to their open page, with when, and those queued with what became of each
// (with when, for those the message queue delivered later).
import { api } from './api.js';
import { h, number, table } from './dom.js';

const STATUS_TEXT = {
  waiting: 'waiting in the queue',
  expired: 'expired',
  deleted: 'deleted by an instruction',
  delivered: 'delivered from the queue',
  'not-read': 'not read by the queue yet',
};

export function showCustomer(accountId, { view, fail }) {
  const rows = h('tbody', { id: 'customer-draws' });
  const messages = h('tbody', { id: 'customer-messages' });
  view.replaceChildren(
    h('p', {}, h('a', { href: '#/draws' }, '← Draws')),
    h('h1', {}, `Customer ${accountId}`),
    table(['Draw', 'State', 'Tickets', 'Best ticket', 'Outcome', 'Prize', 'Rank'], rows),
    h('h2', {}, 'Messages'),
    h(
      'p',
      {},
      'Newest first: messages delivered at once to the customer’s open page, and messages they were not on ' +
        'site for, queued, with what the message queue did with them; a delivered one with when.',
    ),
    table(['Queued', 'Delivered', 'Type', 'Title', 'Expires', 'Status'], messages),
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

const messageRow = ({ message, queuedAt, deliveredAt, deliveredBy, status }) =>
  h(
    'tr',
    { 'data-message-id': message.messageId },
    h('td', { 'data-field': 'queued-at' }, instant(queuedAt)),
    h('td', { 'data-field': 'delivered-at' }, instant(deliveredAt)),
    h('td', {}, message.messageType),
    h('td', {}, message.title),
    h('td', {}, instant(message.expiresAt)),
    h(
      'td',
      { 'data-field': 'status', 'data-status': status ?? 'unknown', 'data-delivered-by': deliveredBy ?? '' },
      deliveredBy === 'notifications'
        ? 'delivered on site at once'
        : (STATUS_TEXT[status] ?? 'unknown (no MYSQL_URL)'),
    ),
  );

const instant = (at) => (at ? h('time', { datetime: at }, at) : '—');

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
