import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BODY_ISSUES, createHttpApi, type Problem } from '@prizedraw/http-api';
import { createEventProducer, type EventProducer } from '@prizedraw/service';
import type { FastifyInstance } from 'fastify';
import { brokers, createTopics, readAll, readUntil, uniqueName } from '../../../test/support/kafka';
import { registerEntriesRoute } from '../src/adapters/entries-route';

// POST /v1/entries over a real socket to a real broker: the body goes as raw bytes, exactly as a client
// sent them, so what the route does with bytes that are not UTF-8 is what is tested.

let http: FastifyInstance;
let producer: EventProducer;
let topic: string;
let url: URL;

beforeAll(async () => {
  topic = uniqueName('it.entries-route.activity');
  await createTopics([topic], 1);
  producer = await createEventProducer({
    brokers: brokers(),
    clientId: 'entries-route-test',
    source: '/prizedraw/ingestion',
  });
  http = await createHttpApi({ title: 'test', version: '1', log: { error: () => undefined } });
  registerEntriesRoute(http, producer, topic);
  await http.listen({ host: '127.0.0.1', port: 0 });
  url = new URL(`http://127.0.0.1:${(http.server.address() as AddressInfo).port}/v1/entries`);
});

afterAll(async () => {
  await http?.close();
  await producer?.close();
});

/** POSTs `body` byte for byte as `application/json`; resolves with the status and the parsed answer. */
function post(body: Buffer): Promise<{ status: number; answer: unknown; type?: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            answer: JSON.parse(Buffer.concat(chunks).toString()),
            type: res.headers['content-type'],
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The 400 problem+json answering a body that cannot be read, `message` saying why. */
const unreadable = (message: string) => ({
  type: 'tag:prizedraw,2026:problem:validation',
  title: 'Invalid request',
  status: 400,
  detail: 'invalid request: (body)',
  instance: '/v1/entries',
  issues: [{ in: 'body', field: '(body)', message }],
});

/** An entry's JSON with `entryId` spliced in as raw bytes (so they may be anything). */
function entryBody(entryId: Buffer, email = 'ann@example.com'): Buffer {
  const rest = `,"utmContent":"spring","email":"${email}"}`;
  return Buffer.concat([Buffer.from('{"entryId":"'), entryId, Buffer.from(`"${rest}`)]);
}

describe('POST /v1/entries', () => {
  it('when the body is not valid UTF-8, then it answers 400 naming the problem and produces nothing', async () => {
    // Two ids that differ only in their invalid bytes: read leniently, both became "e-\ufffd".
    const first = await post(entryBody(Buffer.from([0x65, 0x2d, 0xff, 0xfe])));
    const second = await post(entryBody(Buffer.from([0x65, 0x2d, 0xc3, 0x28]), 'bob@example.com'));

    for (const { status, answer, type } of [first, second]) {
      expect(status).toBe(400);
      expect(type).toMatch(/^application\/problem\+json/);
      expect(answer).toEqual(unreadable('the body is not valid UTF-8 (RFC 8259: JSON is UTF-8)'));
    }
    const marker = await post(entryBody(Buffer.from('marker-1')));
    expect(marker.status).toBe(202);
    const records = await readUntil(topic, (read) => read.length >= 1);
    expect(records.map((r) => r.headers?.ce_id?.toString())).toEqual(['http:marker-1']);
  });

  it('when a JSON string escapes a lone surrogate, then it answers 400: no UTF-8 can carry that id', async () => {
    const { status, answer } = await post(entryBody(Buffer.from('e-\\ud800')));

    expect(status).toBe(400);
    expect((answer as Problem).issues).toEqual([
      {
        in: 'body',
        field: '(body)',
        message: 'a string holds a lone surrogate (\\ud800-\\udfff without its pair)',
      },
    ]);
  });

  it('when the body is not JSON, then it answers 400 in the same shape', async () => {
    const { status, answer } = await post(Buffer.from('{"entryId":'));

    expect(status).toBe(400);
    expect(answer).toEqual(unreadable(BODY_ISSUES.notJson));
  });

  it('when fields are missing or invalid, then it answers 400 naming each of them', async () => {
    const { status, answer } = await post(Buffer.from('{"entryId":"","email":"not-an-email"}'));

    expect(status).toBe(400);
    expect((answer as Problem).detail).toBe('invalid request: entryId, utmContent, email');
    expect((answer as Problem).issues?.map((issue) => [issue.in, issue.field])).toEqual([
      ['body', 'entryId'],
      ['body', 'utmContent'],
      ['body', 'email'],
    ]);
  });

  it('when an entry id holds any UTF-8 text, then it is accepted and produced unchanged', async () => {
    const entryId = 'é-😀-\u{10ffff}';
    const { status, answer } = await post(entryBody(Buffer.from(entryId)));

    expect(status).toBe(202);
    expect(answer).toEqual({ entryId });
    await readUntil(topic, (read) => read.some((r) => r.headers?.ce_id?.toString() === `http:${entryId}`));
    const produced = (await readAll(topic)).find((r) => r.headers?.ce_id?.toString() === `http:${entryId}`);
    expect(JSON.parse(produced!.value!.toString()).entryId).toBe(entryId);
  });
});
