import { once } from 'node:events';
import { connect } from 'node:net';
import { decodeAndValidate, EVENT_TYPES, topicNames } from '@prizedraw/events';
import type { RunningServices } from '@prizedraw/service';
import { readUntil } from '../../../test/support/kafka';
import { buildMessage } from './support/build-message';
import { openSse } from './support/sse-client';
import { bearer, startGateway } from './support/start-gateway';

// The onsite gateway in this process on the real broker: its HTTP contract (200/404/400/401/403), delivery
// over Server-Sent Events read by a real HTTP client, and the customer-online event of each session.

let gateway: RunningServices & { brand: string };

beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(async () => {
  await gateway?.close();
});

const post = async (
  customerId: string,
  body: unknown,
  headers: Record<string, string> = bearer('operator', 'notifications'),
  path = `/v1/customers/${customerId}/messages`,
) => {
  const response = await fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: (await response.json()) as Record<string, unknown>,
  };
};
const streamUrl = (customerId: string, token?: string) =>
  `${gateway.url}/v1/customers/${customerId}/stream${token === undefined ? '' : `?access_token=${token}`}`;
const customerToken = (customerId: string) =>
  bearer('customer', customerId).authorization.slice('Bearer '.length);

describe('onsite gateway HTTP', () => {
  it('when the customer has no open session, then a message answers 404 customer-offline', async () => {
    const { status, type, body } = await post('nobody-here', buildMessage('nobody-here'));
    expect(status).toBe(404);
    expect(type).toMatch(/^application\/problem\+json/);
    expect(body.type).toMatch(/customer-offline$/);
  });

  it('when the message lacks a field, then 400 names it', async () => {
    const { title: _title, ...message } = buildMessage('c-400');
    const { status, body } = await post('c-400', message);
    expect(status).toBe(400);
    expect(body.issues).toEqual([expect.objectContaining({ in: 'body', field: 'title' })]);
  });

  it('when the messageId holds a line break, then 400 names messageId and no stream gets it', async () => {
    const stream = await openSse(streamUrl('c-break', customerToken('c-break')));
    try {
      const message = buildMessage('c-break', { messageId: 'abc\ndata: injected' });
      const { status, body } = await post('c-break', message);
      expect(status).toBe(400);
      expect(body.issues).toEqual([expect.objectContaining({ in: 'body', field: 'messageId' })]);
      expect(stream.events).toEqual([]);
    } finally {
      stream.close();
    }
  });

  it("when the body's customerId is not the path's, then 400 names customerId", async () => {
    const { status, body } = await post('c-path', buildMessage('c-other'));
    expect(status).toBe(400);
    expect(body.issues).toEqual([expect.objectContaining({ in: 'body', field: 'customerId' })]);
  });

  it('when there is no token, or a customer token, then posting answers 401 or 403', async () => {
    expect((await post('c-auth', buildMessage('c-auth'), {})).status).toBe(401);
    expect((await post('c-auth', buildMessage('c-auth'), bearer('customer', 'c-auth'))).status).toBe(403);
  });

  it("when a stream is opened without a token, with a bad one or with another customer's, then 401/401/403", async () => {
    expect((await openSse(streamUrl('c-s'))).status).toBe(401);
    expect((await openSse(streamUrl('c-s', 'not-a-jwt'))).status).toBe(401);
    expect((await openSse(streamUrl('c-s', customerToken('someone-else')))).status).toBe(403);
  });

  it('when a message of a batch delivery has a line break in its id, then 400 names it by index', async () => {
    const messages = [buildMessage('c-b1'), { ...buildMessage('c-b2'), messageId: 'id\nevent: forged' }];
    const answer = await post('', { messages }, undefined, '/v1/deliveries');
    expect(answer.status).toBe(400);
    expect(answer.body.issues).toEqual([
      expect.objectContaining({ in: 'body', field: 'messages.1.messageId' }),
    ]);
  });

  it('then /openapi.json documents every operation', async () => {
    const document = (await (await fetch(`${gateway.url}/openapi.json`)).json()) as { paths: object };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/v1/customers/{customerId}/messages',
        '/v1/deliveries',
        '/v1/customers/{customerId}/stream',
      ]),
    );
  });
});

describe('onsite gateway streams', () => {
  it('when a customer has two open sessions, then a message reaches both and answers 200 { sessions: 2 }', async () => {
    const first = await openSse(streamUrl('c-two', customerToken('c-two')));
    const second = await openSse(`${gateway.url}/v1/customers/c-two/stream`, bearer('customer', 'c-two'));
    try {
      expect(first.status).toBe(200);
      expect(first.contentType).toMatch(/^text\/event-stream/);
      const message = buildMessage('c-two');
      expect(await post('c-two', message)).toMatchObject({ status: 200, body: { sessions: 2 } });
      for (const stream of [first, second]) {
        const [event] = await stream.messages(1);
        expect(event?.id).toBe(message.messageId);
        expect(JSON.parse(event?.data ?? 'null')).toEqual(message);
      }
    } finally {
      first.close();
      second.close();
    }
  });

  it('when messages are delivered in a batch, then each online customer gets theirs, in order, and each has its outcome', async () => {
    const stream = await openSse(streamUrl('c-many', customerToken('c-many')));
    try {
      const first = buildMessage('c-many');
      const away = buildMessage('c-away');
      const second = buildMessage('c-many');
      const answer = await post('', { messages: [first, away, second] }, undefined, '/v1/deliveries');
      expect(answer).toMatchObject({
        status: 200,
        body: {
          outcomes: [
            { messageId: first.messageId, outcome: 'delivered', sessions: 1 },
            { messageId: away.messageId, outcome: 'not-online', sessions: 0 },
            { messageId: second.messageId, outcome: 'delivered', sessions: 1 },
          ],
        },
      });
      const events = await stream.messages(2);
      expect(events.map((event) => event.id)).toEqual([first.messageId, second.messageId]);
    } finally {
      stream.close();
    }
  });

  it('when the last session closes, then messages answer 404 again', async () => {
    const stream = await openSse(streamUrl('c-left', customerToken('c-left')));
    expect((await post('c-left', buildMessage('c-left'))).status).toBe(200);
    stream.close();
    const deadline = Date.now() + 5_000;
    let status = 200;
    while (status === 200 && Date.now() < deadline)
      status = (await post('c-left', buildMessage('c-left'))).status;
    expect(status).toBe(404);
  });

  it('when a client stops reading, then its session is dropped once too much waits for it, and messages answer 404', async () => {
    const { port } = new URL(gateway.url);
    const socket = connect({ host: '127.0.0.1', port: Number(port) });
    await once(socket, 'connect');
    socket.write(
      `GET /v1/customers/c-stuck/stream HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n` +
        `Authorization: ${bearer('customer', 'c-stuck').authorization}\r\n\r\n`,
    );
    await once(socket, 'data');
    socket.pause();
    try {
      const big = 'x'.repeat(200_000);
      let status = 200;
      // 20 MB at most: more than the loopback socket buffers of both ends hold.
      for (let n = 0; n < 100 && status === 200; n += 1)
        status = (await post('c-stuck', buildMessage('c-stuck', { body: big }))).status;
      expect(status).toBe(404);
    } finally {
      socket.destroy();
    }
  });

  it('when a session opens, then prizedraw.customer-online.v1 is produced keyed by the customer', async () => {
    const stream = await openSse(streamUrl('c-online', customerToken('c-online')));
    try {
      const topic = topicNames({ brand: gateway.brand }).customersOnline;
      const read = await readUntil(topic, (messages) =>
        messages.some((m) => m.key?.toString() === 'c-online'),
      );
      const record = read.find((m) => m.key?.toString() === 'c-online')!;
      const event = decodeAndValidate(record);
      expect(event.type).toBe(EVENT_TYPES.customerOnline);
      expect(event.data).toMatchObject({ customerId: 'c-online', brand: gateway.brand });
    } finally {
      stream.close();
    }
  });

  it('when the demo page and a demo token are asked, then both are served', async () => {
    const page = await fetch(`${gateway.url}/demo/customer.html?customer=c-demo`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('EventSource');
    const { token } = (await (await fetch(`${gateway.url}/demo/token?customer=c-demo`)).json()) as {
      token: string;
    };
    const stream = await openSse(streamUrl('c-demo', token));
    expect(stream.status).toBe(200);
    stream.close();
  });
});
