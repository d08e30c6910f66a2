import { type ConsoleAction, type DrawDefined, EVENT_TYPES, type TopicNames } from '@prizedraw/events';
import type { EventProducer } from '@prizedraw/service';
import { unavailableProblem } from './unavailable-problem';

/**
 * What an operator may do from the console: define a draw, trigger one. Each is audited first (an event on
 * `{brand}.console.audit` naming the operator), so an action that went out is never missing from the trail;
 * an audit followed by a failed action shows as an audit without its effect, and the operator retries.
 */
export class OperatorActions {
  readonly #producer: EventProducer;
  readonly #topics: TopicNames;

  constructor(producer: EventProducer, topics: TopicNames) {
    this.#producer = producer;
    this.#topics = topics;
  }

  async define(draw: DrawDefined, operator: string): Promise<void> {
    await this.#audited({ action: 'define-draw', drawId: draw.drawId, operator }, () =>
      this.#producer.send(this.#topics.definitions, [
        { type: EVENT_TYPES.drawDefined, key: draw.drawId, data: draw },
      ]),
    );
  }

  /** Sending a trigger twice draws once (prize-draw's rule), so a repeated click does no harm. */
  async trigger(drawId: string, operator: string): Promise<void> {
    await this.#audited({ action: 'trigger-draw', drawId, operator }, () =>
      this.#producer.send(this.#topics.triggers, [
        { type: EVENT_TYPES.drawTrigger, key: drawId, data: { drawId } },
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
