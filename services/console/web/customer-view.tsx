// A customer: their tickets in each draw (live while it is open), their result once it has run, and their
// messages: those delivered at once to their open page, with when, and those queued with what became of each
// (with when, for those the message queue delivered later).
import { useState } from 'preact/hooks';
import { api } from './api.js';
import { type Fail, Instant, number, Table, useEvery } from './parts.js';

const STATUS_TEXT: Readonly<Record<string, string>> = {
  waiting: 'waiting in the queue',
  expired: 'expired',
  deleted: 'deleted by an instruction',
  delivered: 'delivered from the queue',
  'not-read': 'not read by the queue yet',
};

interface CustomerDraw {
  drawId: string;
  state: string;
  tickets: number;
  bestTicket: string | null;
  result: { outcome: string; rank: number; prize: { name: string } | null } | null;
}

interface CustomerMessage {
  message: { messageId: string; messageType: string; title: string; expiresAt: string | null };
  queuedAt: string | null;
  deliveredAt: string | null;
  deliveredBy: string | null;
  status: string | null;
}

export function CustomerView({ accountId, fail }: { accountId: string; fail: Fail }) {
  const [customer, setCustomer] = useState<{ draws: CustomerDraw[]; messages: CustomerMessage[] }>();
  useEvery(() =>
    api<typeof customer>(`/v1/console/customers/${encodeURIComponent(accountId)}`).then(setCustomer, fail),
  );
  return (
    <>
      <p>
        <a href="#/draws">← Draws</a>
      </p>
      <h1>Customer {accountId}</h1>
      <Table
        id="customer-draws"
        headings={['Draw', 'State', 'Tickets', 'Best ticket', 'Outcome', 'Prize', 'Rank']}
      >
        {customer?.draws.map((draw) => (
          <tr key={draw.drawId} data-draw-id={draw.drawId}>
            <td>
              <a href={`#/draws/${encodeURIComponent(draw.drawId)}`}>{draw.drawId}</a>
            </td>
            <td>{draw.state}</td>
            <td class="number">{number(draw.tickets)}</td>
            <td data-field="best-ticket">
              <code>{draw.bestTicket ?? '—'}</code>
            </td>
            <td data-field="outcome">{draw.result?.outcome ?? '—'}</td>
            <td>{draw.result?.prize?.name ?? '—'}</td>
            <td class="number">{draw.result ? number(draw.result.rank) : '—'}</td>
          </tr>
        ))}
      </Table>
      <h2>Messages</h2>
      <p>
        Newest first: messages delivered at once to the customer’s open page, and messages they were not on
        site for, queued, with what the message queue did with them; a delivered one with when.
      </p>
      <Table id="customer-messages" headings={['Queued', 'Delivered', 'Type', 'Title', 'Expires', 'Status']}>
        {customer?.messages.map((m) => (
          <MessageLine key={m.message.messageId} {...m} />
        ))}
      </Table>
    </>
  );
}

const MessageLine = ({ message, queuedAt, deliveredAt, deliveredBy, status }: CustomerMessage) => (
  <tr data-message-id={message.messageId}>
    <td data-field="queued-at">
      <Instant at={queuedAt} />
    </td>
    <td data-field="delivered-at">
      <Instant at={deliveredAt} />
    </td>
    <td>{message.messageType}</td>
    <td>{message.title}</td>
    <td>
      <Instant at={message.expiresAt} />
    </td>
    <td data-field="status" data-status={status ?? 'unknown'} data-delivered-by={deliveredBy ?? ''}>
      {deliveredBy === 'notifications'
        ? 'delivered on site at once'
        : ((status && STATUS_TEXT[status]) ?? 'unknown (no MYSQL_URL)')}
    </td>
  </tr>
);

/** A form that opens a customer's page. */
export function CustomerSearch() {
  const [account, setAccount] = useState('');
  return (
    <search>
      <form
        id="customer-search"
        onSubmit={(event) => {
          event.preventDefault();
          location.hash = `#/customers/${encodeURIComponent(account.trim())}`;
        }}
      >
        <label htmlFor="customer">Find a customer (account id)</label>
        <input
          id="customer"
          name="customer"
          type="search"
          required
          value={account}
          onInput={(event) => setAccount(event.currentTarget.value)}
        />
        <button type="submit">Open</button>
      </form>
    </search>
  );
}
