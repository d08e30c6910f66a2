import { EVENT_TYPES } from '@prizedraw/events';
import type { RunningServices } from '@prizedraw/service';
import { readUntil } from '../../../test/support/kafka';
import { waitUntil } from '../../../test/support/wait-until';
import { buildMessage } from '../../onsite-gateway/test/support/build-message';
import { startGateway } from '../../onsite-gateway/test/support/start-gateway';
import { asQueued, type MessageQueueFixture, messageQueueFixture } from './support/message-queue-fixture';
import { customerSessions } from './support/messaging-process';
import { counterValue, startMessageQueue } from './support/start-message-queue';

// The message queue in this process on the real MariaDB and broker, redelivering through a real onsite
// gateway: store once, redeliver in order on the customer's session, delete instructions, purge, poison.

let fixture: MessageQueueFixture;
let gateway: RunningServices;
let queue: RunningServices;
const sessions = customerSessions();

beforeAll(async () => {
  fixture = await messageQueueFixture();
  gateway = await startGateway({ BRAND: fixture.brand });
  queue = await startMessageQueue(fixture.env(gateway.url));
});
afterAll(async () => {
  sessions.closeAll();
  await queue?.close();
  await gateway?.close();
  await fixture?.drop();
});

const queueMessages = (messages: ReturnType<typeof buildMessage>[]) =>
  fixture.produceEvents(fixture.topics.messageQueueInbound, EVENT_TYPES.customerMessage, asQueued(messages));
const comeOnline = (customerId: string) => sessions.open(gateway.url, customerId);

describe('message queue', () => {
  it('when a message arrives twice, then the queue holds one copy', async () => {
    const message = buildMessage('c-twice');
    await queueMessages([message, message]);
    await queueMessages([message]);
    await waitUntil(
      'the repeats counted',
      async () =>
        (await counterValue(queue.url, 'prizedraw_message_queue_inbound_total', 'outcome="repeat"')) >= 2,
    );
    expect(await fixture.queuedIds('c-twice')).toEqual([message.messageId]);
  });

  it('when the customer opens a session, then the queued messages arrive in order and leave the queue', async () => {
    const messages = [1, 2, 3, 4, 5].map((n) => buildMessage('c-back', { title: `message ${n}` }));
    await queueMessages(messages);
    await waitUntil('five queued', async () => (await fixture.queuedIds('c-back')).length === 5);
    const stream = await comeOnline('c-back');
    const received = await stream.messages(5, 20_000);
    expect(received.map((event) => event.id)).toEqual(messages.map((message) => message.messageId));
    await waitUntil('the queue emptied', async () => (await fixture.queuedIds('c-back')).length === 0);
  });

  it('when a delete instruction names a queued message or its source, then it is never delivered', async () => {
    const [byId, bySource, kept] = [
      buildMessage('c-spent'),
      buildMessage('c-spent'),
      buildMessage('c-spent'),
    ];
    await queueMessages([byId, bySource, kept]);
    await waitUntil('three queued', async () => (await fixture.queuedIds('c-spent')).length === 3);
    await fixture.produceEvents(fixture.topics.messageDeletes, EVENT_TYPES.messageDelete, [
      { key: 'c-spent', data: { customerId: 'c-spent', messageId: byId.messageId } },
      { key: 'c-spent', data: { customerId: 'c-spent', sourceId: bySource.source.id } },
    ]);
    await waitUntil('two deleted', async () => (await fixture.queuedIds('c-spent')).length === 1);
    const stream = await comeOnline('c-spent');
    const [event] = await stream.messages(1, 20_000);
    expect(event?.id).toBe(kept.messageId);
    await waitUntil('the queue emptied', async () => (await fixture.queuedIds('c-spent')).length === 0);
    expect(stream.events.map((e) => e.id)).toEqual([kept.messageId]);
  });

  it('when the delete instruction comes before its message, then the message is not queued', async () => {
    const early = buildMessage('c-early');
    await fixture.produceEvents(fixture.topics.messageDeletes, EVENT_TYPES.messageDelete, [
      { key: 'c-early', data: { customerId: 'c-early', sourceId: early.source.id } },
    ]);
    await waitUntil(
      'the instruction remembered',
      async () => (await fixture.deleteInstructions('c-early')) === 1,
    );
    const before = await counterValue(
      queue.url,
      'prizedraw_message_queue_inbound_total',
      'outcome="deleted"',
    );
    await queueMessages([early]);
    await waitUntil(
      'the message dropped for its instruction',
      async () =>
        (await counterValue(queue.url, 'prizedraw_message_queue_inbound_total', 'outcome="deleted"')) >
        before,
      { timeoutMs: 20_000 },
    );
    expect(await fixture.queuedIds('c-early')).toEqual([]);
  });

  it('when the gateway refuses a queued message (400), then it is dropped and counted, and the next one delivered', async () => {
    const before = await counterValue(
      queue.url,
      'prizedraw_message_queue_deliveries_total',
      'outcome="rejected"',
    );
    const refused = buildMessage('c-refused', { messageId: 'line\nbreak' });
    const fine = buildMessage('c-refused');
    await queueMessages([refused, fine]);
    await waitUntil('two queued', async () => (await fixture.queuedIds('c-refused')).length === 2);
    const stream = await comeOnline('c-refused');
    const [event] = await stream.messages(1, 20_000);
    expect(event?.id).toBe(fine.messageId);
    await waitUntil('the queue emptied', async () => (await fixture.queuedIds('c-refused')).length === 0);
    expect(
      await counterValue(queue.url, 'prizedraw_message_queue_deliveries_total', 'outcome="rejected"'),
    ).toBe(before + 1);
  });

  it('when a queued message expires, then the purge removes it and counts it', async () => {
    const before = await counterValue(queue.url, 'prizedraw_message_queue_purged_total');
    const short = buildMessage('c-expiring', { expiresAt: new Date(Date.now() + 1_500).toISOString() });
    await queueMessages([short]);
    await waitUntil(
      'purged',
      async () => (await counterValue(queue.url, 'prizedraw_message_queue_purged_total')) > before,
      { timeoutMs: 20_000 },
    );
    expect(await fixture.queuedIds('c-expiring')).toEqual([]);
  });

  it('when a record is not a customer message, then it goes to the dead-letter topic with the reason', async () => {
    await fixture.produceEvents(fixture.topics.messageQueueInbound, EVENT_TYPES.customerOnline, [
      {
        key: 'c-poison',
        data: { customerId: 'c-poison', brand: fixture.brand, at: new Date().toISOString() },
      },
    ]);
    const { title: _title, ...untitled } = buildMessage('c-poison');
    await fixture.produceEvents(fixture.topics.messageQueueInbound, EVENT_TYPES.customerMessage, [
      { key: 'c-poison', data: untitled },
    ]);
    const dead = await readUntil(
      `${fixture.topics.messageQueueInbound}.dlq`,
      (messages) => messages.length >= 2,
      30_000,
    );
    const reasons = dead.map((m) => m.headers?.['dlq-reason']?.toString());
    expect(reasons).toEqual([expect.stringContaining('ce_type'), expect.stringContaining('title')]);
  });
});
