import { bind, EVENT_TYPES, encodeEvent, toCloudEvent } from '@prizedraw/events';
import pino from 'pino';
import { brokers, createTopics, produce, uniqueName } from '../../../test/support/kafka';
import { buildDrawDefinition } from '../../../test/support/pipeline-inputs';
import { waitUntil } from '../../../test/support/wait-until';
import { startDefinitionsIndex, startDefinitionsTable } from '../src';

// The definitions table is every service's view of the draws: a definition whose data is not UTF-8 must be
// rejected (logged and skipped), not applied with U+FFFD in its promo code, where no activity would match it.

const definition = (drawId: string, promoCode: string) =>
  encodeEvent(
    toCloudEvent(bind(buildDrawDefinition({ drawId, promoCode })), {
      type: EVENT_TYPES.drawDefined,
      source: '/test',
    }),
    { key: drawId },
  );

describe('startDefinitionsTable on the real broker', () => {
  it('when a definition has data bytes that are not UTF-8 inside valid JSON, then it is skipped and the others are applied', async () => {
    const topic = uniqueName('it.definitions-data');
    await createTopics([topic], 1);
    const bad = definition('draw-bad', 'PROMO-BAD');
    const json = (bad.value as Buffer).toString();
    const at = json.indexOf('PROMO-BAD') + 'PROMO-'.length;
    const value = Buffer.concat([
      Buffer.from(json.slice(0, at)),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(json.slice(at)),
    ]);
    await produce(topic, [
      definition('draw-1', 'PROMO-1'),
      { ...bad, value },
      definition('draw-2', 'PROMO-2'),
    ]);

    const table = await startDefinitionsTable({
      topic,
      brokers: brokers(),
      logger: pino({ level: 'silent' }),
    });
    try {
      expect(table.definitions.get('draw-1')?.promoCode).toBe('PROMO-1');
      expect(table.definitions.get('draw-2')?.promoCode).toBe('PROMO-2');
      expect(table.definitions.get('draw-bad')).toBeUndefined();
    } finally {
      await table.close();
    }
  });
});

describe('startDefinitionsIndex on the real broker', () => {
  it('when draws are defined, redefined and deleted, then it keeps what was asked of the latest of each and its version grows with every change', async () => {
    const topic = uniqueName('it.definitions-index');
    await createTopics([topic], 1);
    await produce(topic, [
      definition('draw-1', 'PROMO-A'),
      definition('draw-2', 'PROMO-2'),
      definition('draw-1', 'PROMO-B'),
      { key: 'draw-2', value: null },
    ]);

    const options = { topic, brokers: brokers(), logger: pino({ level: 'silent' }) };
    const { index, close } = await startDefinitionsIndex(options, (draw) => draw.promoCode);
    try {
      expect([index.get('draw-1'), index.get('draw-2'), index.version()]).toEqual(['PROMO-B', undefined, 4]);

      await produce(topic, [definition('draw-3', 'PROMO-3')]);
      await waitUntil('draw-3 in the index', async () => index.get('draw-3') === 'PROMO-3');
      expect(index.version()).toBe(5);
    } finally {
      await close();
    }
  });
});
