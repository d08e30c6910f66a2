import { EVENT_TYPES, PIPELINE_EVENT_TYPES, type ValidatedEvent } from '@prizedraw/events';
import type { DrawBoard } from './draw-board';
import { verificationOf } from './draw-verification';

/**
 * What one event read from prizedraw's topics changes on the board; `partition` is where it was read,
 * `timestamp` its record time (ms). Events of other types change nothing.
 */
export function applyEvent(
  board: DrawBoard,
  event: ValidatedEvent,
  partition: number,
  timestamp: number,
): void {
  switch (event.type) {
    case EVENT_TYPES.ticketCount:
      board
        .progressOf(event.data.drawId)
        .countTickets(event.data.accountId, event.data.tickets, event.data.milestone);
      break;
    case EVENT_TYPES.drawTrigger:
      board.progressOf(event.data.drawId).trigger(new Date(timestamp).toISOString());
      break;
    case EVENT_TYPES.drawResult:
      board.progressOf(event.data.drawId).addResult(event.data, partition);
      break;
    case EVENT_TYPES.drawRecord:
      board.progressOf(event.data.drawId).recorded(verificationOf(event.data));
      break;
    case EVENT_TYPES.drawCompleted:
      board.progressOf(event.data.drawId).complete(event.data);
      break;
    case PIPELINE_EVENT_TYPES.runChunk:
      board.progressOf(event.data.drawId).runEntries(event.data.partition, event.data.entries.length);
      break;
    case PIPELINE_EVENT_TYPES.runEntry:
      board.progressOf(event.data.drawId).runEntries(event.data.partition, 1);
      break;
    case PIPELINE_EVENT_TYPES.runEnd:
      board.progressOf(event.data.drawId).runEnded(event.data);
      break;
  }
}
