import {
  type ConsoleAction,
  type DrawDefined,
  EVENT_TYPES,
  PIPELINE_EVENT_TYPES,
  type ScaExportReady,
  type SeedDirectory,
  type TopicNames,
  withSeedCommitment,
} from '@prizedraw/events';
import { HttpProblem, problemType } from '@prizedraw/http-api';
import type { EventProducer } from '@prizedraw/service';
import { unavailableProblem } from './unavailable-problem';

/**
 * What an operator may do from the console: define a draw, trigger one, request an SCA export again. Each is audited first (an event on
 * `{brand}.console.audit` naming the operator), so an action that went out is never missing from the trail;
 * an audit followed by a failed action shows as an audit without its effect, and the operator retries.
 */
export class OperatorActions {
  readonly #producer: EventProducer;
  readonly #topics: TopicNames;
  readonly #seeds: SeedDirectory | undefined;

  /** With `seeds` (SEED_DIR), in-house draws are defined with the commitment of their seed there. */
  constructor(producer: EventProducer, topics: TopicNames, seeds?: SeedDirectory) {
    this.#producer = producer;
    this.#topics = topics;
    this.#seeds = seeds;
  }

  /** Returns the draw as defined (with its seed commitment when there is a seed directory). */
  async define(submitted: DrawDefined, operator: string): Promise<DrawDefined> {
    const draw = this.#seeds ? await this.#committed(submitted, this.#seeds) : submitted;
    await this.#audited({ action: 'define-draw', drawId: draw.drawId, operator }, () =>
      this.#producer.send(this.#topics.definitions, [
        { type: EVENT_TYPES.drawDefined, key: draw.drawId, data: draw },
      ]),
    );
    return draw;
  }

  async #committed(draw: DrawDefined, seeds: SeedDirectory): Promise<DrawDefined> {
    try {
      return await withSeedCommitment(draw, seeds);
    } catch (error) {
      // The only refusal: a commitment in the body that is not the one of the draw's seed.
      if (draw.seedCommitment === undefined) throw error;
      throw new HttpProblem({
        status: 409,
        type: problemType('seed-commitment-differs'),
        detail: (error as Error).message,
      });
    }
  }

  /** Sending a trigger twice draws once (prize-draw's rule), so a repeated click does no harm. */
  async trigger(drawId: string, operator: string): Promise<void> {
    await this.#audited({ action: 'trigger-draw', drawId, operator }, () =>
      this.#producer.send(this.#topics.triggers, [
        { type: EVENT_TYPES.drawTrigger, key: drawId, data: { drawId } },
      ]),
    );
  }

  /** The export worker finds a delivered pair already there and does not send it twice. */
  async retryScaExport(request: ScaExportReady, operator: string): Promise<void> {
    await this.#audited({ action: 'retry-sca-export', drawId: request.drawId, operator }, () =>
      this.#producer.send(this.#topics.scaExports, [
        { type: PIPELINE_EVENT_TYPES.scaExportReady, key: request.drawId, data: request },
      ]),
    );
  }

  async #audited(action: Omit<ConsoleAction, 'at'>, act: () => Promise<void>): Promise<void> {
    const audit: ConsoleAction = { ...action, at: new Date().toISOString() };
    try {
      await this.#producer.send(this.#topics.consoleAudit, [
        { type: EVENT_TYPES.consoleAction, key: action.drawId, data: audit },
      ]);
      await act();
    } catch (error) {
      throw unavailableProblem(error, `${action.action} ${action.drawId}`);
    }
  }
}
