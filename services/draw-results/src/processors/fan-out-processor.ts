import {
  type ChunkOutcome,
  type DrawResult,
  type DrawResultChunk,
  drawResultEventId,
  EVENT_TYPES,
  PIPELINE_EVENT_TYPES,
  type PrizedrawCloudEvent,
  ValidationError,
} from '@prizedraw/events';
import { type Outbound, outbound } from '@prizedraw/service';
import { type Processor, type ProcessorContext, Record } from '@prizedraw/stream';

/** A draw result as prize-draw writes it: the contract's fields, and every prize won when more than one. */
type DrawResultData = DrawResult & Pick<ChunkOutcome, 'prizes'>;

/** Sink of `{brand}.draw.results`. */
export const RESULTS_SINK = 'results';
/** Sink of `{brand}.draw.runs`, where prize-draw reads that a draw's results are all written. */
export const WRITTEN_SINK = 'written';

type Input = Record<string | null, PrizedrawCloudEvent>;

/**
 * Turns each chunk of a draw's results into one `draw-result` per entrant (key accountId), exactly as
 * prize-draw writes them without fan-out: the same data, the id `<drawId>:result:<accountId>`, the time of the
 * draw's trigger and the timeline the chunk carries on. After the draw's last chunk it tells prize-draw, in
 * the same transaction, that every result is written.
 */
export class FanOutProcessor
  implements Processor<string | null, PrizedrawCloudEvent, string | null, Outbound>
{
  #context!: ProcessorContext<string | null, Outbound>;

  init(context: ProcessorContext<string | null, Outbound>): void {
    this.#context = context;
  }

  async process(record: Input): Promise<void> {
    const event = record.value;
    if (event.type !== PIPELINE_EVENT_TYPES.drawResultChunk) {
      throw new ValidationError([{ path: 'type', message: `${event.type} is not a draw result chunk` }], {
        ...this.#context.recordMetadata(),
        eventId: event.id,
        eventType: event.type,
      });
    }
    const chunk = event.data as DrawResultChunk;
    const { drawId, last } = chunk;
    for (let i = 0; i < chunk.accountIds.length; i++) {
      const result = resultAt(chunk, i);
      const id = drawResultEventId(drawId, result.accountId);
      const value = outbound(EVENT_TYPES.drawResult, result, event, { id });
      await this.#context.forward(new Record(result.accountId, value, record.timestamp), RESULTS_SINK);
    }
    if (!last) return;
    const written = outbound(PIPELINE_EVENT_TYPES.drawResultsWritten, { drawId }, event, {
      id: `${drawId}:results-written`,
    });
    await this.#context.forward(new Record(drawId, written, record.timestamp), WRITTEN_SINK);
  }
}

/**
 * The chunk's i-th result as prize-draw makes it (drawResultOf), its fields in the same order: the draw, the
 * entrant, their outcome and prize, ticket, rank and ticket count, then `excluded` or every prize won.
 */
function resultAt(chunk: DrawResultChunk, i: number): DrawResultData {
  const { outcome, prize, prizes, excluded } = chunk.outcomes[chunk.outcomeOf[i]!]!;
  const result: DrawResultData = {
    drawId: chunk.drawId,
    accountId: chunk.accountIds[i]!,
    outcome,
    prize,
    ticket: chunk.tickets[i]!,
    rank: chunk.ranks[i]!,
    tickets: chunk.counts[i]!,
  };
  if (excluded) result.excluded = excluded;
  if (prizes !== undefined) result.prizes = prizes;
  return result;
}
