import { type DataCodec, EVENT_TYPES } from '@prizedraw/events';
import { Topology } from '@prizedraw/stream';
import type { messageQueueProcessors } from './processors/message-queue-processors';
import { typedEventSource } from './typed-event-source';

/** The topics the message queue reads. */
export interface MessageQueueTopics {
  /** `{brand}.message-queue.inbound`: messages to queue. */
  readonly inbound: string;
  /** `{brand}.customers.online`: customers who opened a session. */
  readonly online: string;
  /** `msq.inbound.delete.{env}`: delete instructions. */
  readonly deletes: string;
}

/**
 * Three sources, one processor each, no sinks: the queue's output is MariaDB and the gateway. A record of
 * another event type, or one that fails its schema, goes to its topic's dead-letter topic with the reason.
 */
export function createMessageQueueTopology(
  topics: MessageQueueTopics,
  processors: ReturnType<typeof messageQueueProcessors>,
  dataCodec?: DataCodec,
): Topology {
  return new Topology()
    .addSource('inbound', typedEventSource(topics.inbound, EVENT_TYPES.customerMessage, dataCodec))
    .addProcessor('queue', processors.queue, 'inbound')
    .addSource('online', typedEventSource(topics.online, EVENT_TYPES.customerOnline, dataCodec))
    .addProcessor('wake', processors.wake, 'online')
    .addSource('deletes', typedEventSource(topics.deletes, EVENT_TYPES.messageDelete, dataCodec))
    .addProcessor('delete', processors.delete, 'deletes');
}
