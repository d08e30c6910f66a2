import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  bind,
  decodeAndValidate,
  EVENT_TYPES,
  type EventType,
  encodeEvent,
  type TopicNames,
  toCloudEvent,
  topicNames,
} from '@prizedraw/events';
import type { RowDataPacket } from 'mysql2/promise';
import { createTestDatabase } from '../../../../libs/compliance-db/src/fixtures';
import { produce, readAll, uniqueName } from '../../../../test/support/kafka';
import { TEST_SECRET } from '../../../onsite-gateway/test/support/start-gateway';
import { createMessageQueuePool, migrateMessageQueue } from '../../src';

const STACK_DIR = process.env.PRIZEDRAW_STACK_DIR ?? join(resolve(__dirname, '../../../..'), '.stack');

/** A test's own database (migrated), brand and topics, with helpers to feed the queue and look inside. */
export interface MessageQueueFixture {
  readonly brand: string;
  readonly topics: TopicNames;
  /** The environment of a message queue on this fixture, given the gateway's URL. */
  env(gatewayUrl: string): Record<string, string>;
  /** Produces CloudEvents of `type` keyed by customer to `topic`. */
  produceEvents(
    topic: string,
    type: EventType,
    events: readonly { key: string; data: unknown; id?: string }[],
  ): Promise<void>;
  /** The message ids queued for `customerId` (all customers when omitted), in queue order. */
  queuedIds(customerId?: string): Promise<string[]>;
  /** The delivered events committed to `{brand}.customer-messages.delivered`, in each partition's order. */
  deliveredEvents(): Promise<{ messageId: string; deliveredAt: string; source: string; id: string }[]>;
  /** How many delete instructions are remembered for `customerId`. */
  deleteInstructions(customerId: string): Promise<number>;
  drop(): Promise<void>;
}

/**
 * A fresh database on the real MariaDB and a fresh brand (so fresh topics) for one test file; with
 * `mysqlUrl` (a private server's), that database as it is.
 */
export async function messageQueueFixture(mysqlUrl?: string): Promise<MessageQueueFixture> {
  const socketPath = join(STACK_DIR, 'mariadb', 'mysqld.sock');
  const database =
    mysqlUrl === undefined
      ? await createTestDatabase(
          process.env.MYSQL_URL!,
          existsSync(socketPath) ? { admin: { socketPath, user: 'root' } } : {},
        )
      : { url: mysqlUrl, drop: async () => undefined };
  const pool = createMessageQueuePool(database.url, 2);
  await migrateMessageQueue(pool);
  const brand = uniqueName('msq').toLowerCase();
  const env = uniqueName('env').toLowerCase();
  const topics = topicNames({ brand, env });
  return {
    brand,
    topics,
    env: (gatewayUrl) => ({
      MYSQL_URL: database.url,
      BRAND: brand,
      ENV: env,
      PARTITIONS: '2',
      API_TOKEN_SECRET: TEST_SECRET,
      MSQ_GATEWAY_URL: gatewayUrl,
      MSQ_POLL_MS: '50',
      MSQ_PURGE_INTERVAL_S: '1',
      LOG_LEVEL: 'warn',
    }),
    async produceEvents(topic, type, events) {
      await produce(
        topic,
        events.map(({ key, data, id }) =>
          encodeEvent(
            toCloudEvent(bind(data), { type, source: '/tests', subject: key, ...(id ? { id } : {}) }),
            { key },
          ),
        ),
      );
    },
    async queuedIds(customerId) {
      const [rows] = await pool.query<RowDataPacket[]>(
        `SELECT message_id FROM msq_messages ${customerId === undefined ? '' : 'WHERE customer_id = ?'} ORDER BY seq`,
        customerId === undefined ? [] : [customerId],
      );
      return rows.map((row) => row.message_id as string);
    },
    async deliveredEvents() {
      return (await readAll(topics.messagesDelivered)).map((record) => {
        const event = decodeAndValidate(record);
        if (event.type !== EVENT_TYPES.customerMessageDelivered) throw new Error(`unexpected ${event.type}`);
        return {
          messageId: event.data.messageId,
          deliveredAt: event.data.deliveredAt,
          source: event.source,
          id: event.id,
        };
      });
    },
    async deleteInstructions(customerId) {
      const [rows] = await pool.query<RowDataPacket[]>(
        'SELECT COUNT(*) AS n FROM msq_deletes WHERE customer_id = ?',
        [customerId],
      );
      return Number(rows[0]?.n);
    },
    async drop() {
      await pool.end();
      await database.drop();
    },
  };
}

/** The messages to queue, as CloudEvents keyed by customer. */
export const asQueued = <T extends { customerId: string; messageId: string }>(messages: readonly T[]) =>
  messages.map((message) => ({ key: message.customerId, data: message, id: message.messageId }));
