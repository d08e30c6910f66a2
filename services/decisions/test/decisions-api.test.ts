import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiTokens, TokenSecret } from '@prizedraw/http-api';
import { uniqueName } from '../../../test/support/kafka';
import { type ServiceProcess, startServiceProcess } from '../../../test/support/service-process';
import { decisionsConfigSchema, decisionsService } from '../src/index';

// `prizedraw start decisions` as a process of its own: decisions over HTTP with the shipped rules, the
// has-decision header, problems naming the field, its operation in /openapi.json, its metrics.

const SECRET = 'a decisions test secret of at least 32 bytes';
const tokens = new ApiTokens(new TokenSecret(Buffer.from(SECRET)));
const operator = `Bearer ${tokens.issue({ role: 'operator', subject: 'notifications', ttlSeconds: 600 })}`;
let service: ServiceProcess;

beforeAll(async () => {
  service = await startServiceProcess(['decisions'], {
    BRAND: uniqueName('des'),
    PARTITIONS: '1',
    API_TOKEN_SECRET: SECRET,
  });
});
afterAll(() => service?.stop());

const wonEvent = {
  specversion: '1.0',
  id: 'xmas:result:ann',
  source: '/prizedraw/prize-draw',
  type: 'prizedraw.draw-result.v1',
  time: '2026-12-24T18:00:00Z',
  subject: 'ann',
  data: {
    drawId: 'xmas',
    accountId: 'ann',
    outcome: 'won',
    prize: { prizeId: 'car', name: 'A car' },
    ticket: 'ffffffff-0000-0000-0000-000000000000',
    rank: 1,
    tickets: 3,
  },
};

async function ask(body: unknown, authorization: string | undefined = operator, path = '/v1/decisions') {
  const response = await fetch(`${service.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization && { authorization }) },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe('prizedraw start decisions', () => {
  it('when a winner result is asked about, then it answers the decision with has-decision: true', async () => {
    const answer = await ask(wonEvent);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('has-decision')).toBe('true');
    expect(answer.body).toEqual({
      status: 'DECISION',
      eventId: 'xmas:result:ann',
      rule: 'draw-won',
      messageType: 'REWARD_AWARDED',
      deliveryPreference: 'full-screen',
      template: 'draw-won',
      expiresAt: '2026-12-31T18:00:00.000Z',
    });
  });

  it('when no rule matches, then it answers NO_DECISION with has-decision: false', async () => {
    const completed = { drawId: 'xmas', entrants: 1, tickets: 1, winners: 1, lateTickets: 0 };
    const answer = await ask({ ...wonEvent, type: 'prizedraw.draw-completed.v1', data: completed });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('has-decision')).toBe('false');
    expect(answer.body).toEqual({ status: 'NO_DECISION', eventId: 'xmas:result:ann' });
  });

  it('when the event or its data is invalid, then 400 problem+json names each field', async () => {
    const { specversion: _, ...withoutVersion } = wonEvent;
    const answer = await ask({
      ...withoutVersion,
      time: 'yesterday',
      data: { ...wonEvent.data, outcome: 'maybe' },
    });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const fields = (answer.body.issues as { in: string; field: string }[]).map(
      (issue) => `${issue.in}:${issue.field}`,
    );
    expect(fields).toEqual(expect.arrayContaining(['body:specversion', 'body:time']));
    const invalidData = { ...wonEvent, data: { ...wonEvent.data, outcome: 'maybe' } };
    const dataAnswer = await ask(invalidData);
    expect(dataAnswer.status).toBe(400);
    expect(dataAnswer.body.issues).toEqual([expect.objectContaining({ in: 'body', field: 'data.outcome' })]);
  });

  it('when many events are asked in one batch, then each is answered in the order asked', async () => {
    const lost = {
      ...wonEvent,
      id: 'xmas:result:bob',
      data: { ...wonEvent.data, outcome: 'lost', prize: null },
    };
    const completed = { drawId: 'xmas', entrants: 1, tickets: 1, winners: 1, lateTickets: 0 };
    const noRule = {
      ...wonEvent,
      id: 'xmas:completed',
      type: 'prizedraw.draw-completed.v1',
      data: completed,
    };
    const answer = await ask({ events: [lost, noRule, wonEvent] }, operator, '/v1/decisions/batch');
    expect(answer.status).toBe(200);
    expect(answer.body.decisions).toEqual([
      expect.objectContaining({ status: 'DECISION', eventId: 'xmas:result:bob', rule: 'draw-lost' }),
      { status: 'NO_DECISION', eventId: 'xmas:completed' },
      expect.objectContaining({ status: 'DECISION', eventId: 'xmas:result:ann', rule: 'draw-won' }),
    ]);
  });

  it('when one event of a batch is invalid, then 400 names it by its index; an empty batch is refused', async () => {
    const invalid = { ...wonEvent, type: '', data: { ...wonEvent.data } };
    const answer = await ask(
      { events: [wonEvent, wonEvent, wonEvent, invalid] },
      operator,
      '/v1/decisions/batch',
    );
    expect(answer.status).toBe(400);
    expect(answer.body.issues).toEqual([expect.objectContaining({ in: 'body', field: 'events.3.type' })]);
    const empty = await ask({ events: [] }, operator, '/v1/decisions/batch');
    expect(empty.body.issues).toEqual([expect.objectContaining({ in: 'body', field: 'events' })]);
  });

  it('when no token or a customer token is sent, then 401 or 403', async () => {
    expect((await ask(wonEvent, '')).status).toBe(401);
    const customer = `Bearer ${tokens.issue({ role: 'customer', subject: 'ann', ttlSeconds: 60 })}`;
    expect((await ask(wonEvent, customer)).status).toBe(403);
  });

  it('when the service runs, then /openapi.json describes the operation and /metrics counts decisions', async () => {
    const document = (await (await fetch(`${service.url}/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(document.paths['/v1/decisions']).toHaveProperty('post.operationId', 'decide');
    expect(document.paths['/v1/decisions/batch']).toHaveProperty('post.operationId', 'decideBatch');
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(
      /prizedraw_decisions_total\{event_type="prizedraw.draw-result.v1",outcome="draw-won"\} [1-9]/,
    );
  });

  it('when the rules file is invalid, then the service is not made and the error names the rule and field', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rules-')), 'rules.yaml');
    writeFileSync(
      file,
      'rules:\n  - { id: broken, eventType: x, messageType: MILESTONE, expiresAfter: soon }\n',
    );
    const config = decisionsConfigSchema.parse({ DECISIONS_RULES_FILE: file, API_TOKEN_SECRET: SECRET });
    expect(() => decisionsService(config)).toThrow(
      /rule broken \(rules\[0\]\) field expiresAfter: Expected a duration/,
    );
  });
});
