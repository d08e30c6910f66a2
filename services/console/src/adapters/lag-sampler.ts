import { kafkaLogCreator } from '@prizedraw/stream';
import { type Admin, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { GroupLag, LagHistory } from '../lag-history';

/** Options of {@link startLagSampler}. */
export interface LagSamplerOptions {
  readonly brokers: string[];
  /** Consumer groups whose id starts with this are sampled: `prizedraw-<brand>-`, the stream applications. */
  readonly groupPrefix: string;
  readonly history: LagHistory;
  readonly everyMs: number;
  readonly logger: Logger;
}

/**
 * Samples the consumer lag of the deployment's stream applications every `everyMs`: per group and input
 * topic, the end offsets minus the committed ones (a partition with no commit counts from its start).
 */
export async function startLagSampler(options: LagSamplerOptions): Promise<() => Promise<void>> {
  const kafka = new Kafka({
    clientId: 'prizedraw-console-lag',
    brokers: options.brokers,
    logCreator: kafkaLogCreator(options.logger),
  });
  const admin = kafka.admin();
  await admin.connect();
  let running: Promise<void> = Promise.resolve();
  const sample = async () => {
    const lags = await lagsOf(admin, options.groupPrefix);
    options.history.record(new Date().toISOString(), lags);
  };
  const timer = setInterval(() => {
    running = sample().catch((error: unknown) =>
      options.logger.warn({ err: error }, 'consumer lag not sampled'),
    );
  }, options.everyMs);
  timer.unref();
  running = sample().catch((error: unknown) =>
    options.logger.warn({ err: error }, 'consumer lag not sampled'),
  );
  return async () => {
    clearInterval(timer);
    await running;
    await admin.disconnect();
  };
}

async function lagsOf(admin: Admin, prefix: string): Promise<GroupLag[]> {
  const { groups } = await admin.listGroups();
  const ends = new Map<string, Map<number, { low: bigint; high: bigint }>>();
  const endsOf = async (topic: string) => {
    let known = ends.get(topic);
    if (!known) {
      const offsets = await admin.fetchTopicOffsets(topic);
      known = new Map(offsets.map((o) => [o.partition, { low: BigInt(o.low), high: BigInt(o.high) }]));
      ends.set(topic, known);
    }
    return known;
  };
  const lags: GroupLag[] = [];
  // The runtime's changelog restores run as short-lived groups of their own: not an application's lag.
  const applications = groups.filter((g) => g.groupId.startsWith(prefix) && !g.groupId.includes('-restore-'));
  for (const { groupId } of applications) {
    const committed = await admin.fetchOffsets({ groupId });
    const topics = [];
    for (const { topic, partitions } of committed) {
      const topicEnds = await endsOf(topic);
      let lag = 0n;
      for (const { partition, offset } of partitions) {
        const end = topicEnds.get(partition);
        if (!end) continue;
        const from = offset === '-1' ? end.low : BigInt(offset);
        if (end.high > from) lag += end.high - from;
      }
      topics.push({ topic, lag: Number(lag) });
    }
    lags.push({ group: groupId, lag: topics.reduce((sum, t) => sum + t.lag, 0), topics });
  }
  return lags;
}
