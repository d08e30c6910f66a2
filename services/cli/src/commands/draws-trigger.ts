import { EVENT_TYPES } from '@prizedraw/events';
import { type BaseConfig, topicsOf } from '@prizedraw/service';
import { say } from '../output';
import { publish } from '../publish';

/** `prizedraw draws trigger ID`: asks for the draw; sending it twice draws once. */
export async function drawsTrigger(config: BaseConfig, drawId: string): Promise<void> {
  const topic = topicsOf(config).triggers;
  await publish(config, topic, [{ type: EVENT_TYPES.drawTrigger, key: drawId, data: { drawId } }]);
  say(`triggered ${drawId} on ${topic}`);
}
