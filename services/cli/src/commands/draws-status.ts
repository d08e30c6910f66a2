import { type DrawCompleted, decodeEvent, EVENT_TYPES } from '@prizedraw/events';
import { type BaseConfig, startDefinitionsTable, topicsOf } from '@prizedraw/service';
import { readTopic } from '@prizedraw/stream';
import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import { say, table } from '../output';

/** The draw's definition and, once drawn, its completion event (found by header, without parsing results). */
export async function findDraw(config: BaseConfig, drawId: string) {
  const topics = topicsOf(config);
  const logger = pino({ level: 'error' });
  const definitionsTable = await startDefinitionsTable({
    topic: topics.definitions,
    brokers: config.KAFKA_BROKERS,
    logger,
  });
  const definition = definitionsTable.definitions.get(drawId);
  await definitionsTable.close();
  let completed: DrawCompleted | undefined;
  const kafka = new Kafka({
    clientId: 'prizedraw-cli',
    brokers: config.KAFKA_BROKERS,
    logLevel: logLevel.ERROR,
  });
  const reader = await readTopic(kafka, topics.results, (message) => {
    if (message.headers?.ce_type?.toString() !== EVENT_TYPES.drawCompleted) return;
    const data = decodeEvent({ key: message.key, value: message.value, headers: message.headers })
      .data as DrawCompleted;
    if (data.drawId === drawId) completed = data;
  });
  await reader.caughtUp.finally(() => reader.stop());
  return { definition, completed };
}

/** `prizedraw draws status ID`: defined or not, open or closed, drawn or not, and the completion figures. */
export async function drawsStatus(config: BaseConfig, drawId: string): Promise<void> {
  const { definition, completed } = await findDraw(config, drawId);
  if (!definition) {
    say(`no draw ${drawId} is defined`);
    process.exitCode = 1;
    return;
  }
  const now = Date.now();
  const state = completed
    ? 'completed'
    : now < Date.parse(definition.opensAt)
      ? 'not open yet'
      : now < Date.parse(definition.closesAt)
        ? 'open'
        : 'closed, not drawn yet';
  table(`draw ${drawId}`, [
    ['state', state],
    ['promotion', definition.promoCode],
    ['open', `${definition.opensAt} → ${definition.closesAt}`],
    ['prizes', definition.prizes.map((p) => `${p.quantity} × ${p.name}`).join(', ')],
    ...(completed
      ? ([
          ['entrants', completed.entrants],
          ['tickets', completed.tickets],
          ['winners', completed.winners],
          ['late tickets', completed.lateTickets],
        ] as const)
      : []),
  ]);
}
