import {
  type CouponRedeemed,
  EVENT_TYPES,
  type InstantWinDrawn,
  type MessageDelete,
  type ValidatedEvent,
  ValidationError,
} from '@prizedraw/events';
import { type Outbound, outbound } from '@prizedraw/service';
import type { KeyValueStore, Processor, ProcessorContext, Record } from '@prizedraw/stream';

/** What became of a redemption: a delete instruction, or none because its draw's win was never seen here. */
export type RedemptionOutcome = 'deleted' | 'unknown-draw';

/** Options of {@link RedemptionDeletesProcessor}. */
export interface RedemptionDeletesOptions {
  /** The store of won draws not redeemed yet. */
  readonly storeName: string;
  /** Child (sink) receiving the delete instructions. */
  readonly deletesSink: string;
  /**
   * How long after its coupon expires a won draw is remembered, ms: a redemption made just before the
   * expiry may be read here later, when this processor lags.
   */
  readonly retentionMs: number;
  /** How often (wall clock) won draws past their coupon's expiry + retention are forgotten, ms. */
  readonly expiryIntervalMs: number;
  readonly onRedemption?: (outcome: RedemptionOutcome) => void;
}

/** A won draw not redeemed yet: the CloudEvent id of its drawn event, which the win message names. */
interface WonDraw {
  readonly sourceId: string;
  readonly forgetAt: number;
}

// Store layout: w/<drawId> → WonDraw; x/<forgetAt, 15 digits>/<drawId> → 1, the expiry index in time order.
const part = encodeURIComponent;
const wonKey = (drawId: string) => `w/${part(drawId)}`;
const expiryKey = (forgetAt: number, drawId: string) =>
  `x/${String(forgetAt).padStart(15, '0')}/${part(drawId)}`;

/**
 * A coupon redeemed (or a prize claimed) before its win message was seen: turns the redemption into a
 * delete instruction naming the message's source, the drawn event (seed 001, "customer spends reward before
 * message has been seen"). The redemption does not carry the drawn event's id, so won draws are remembered
 * by draw id until redeemed or expired. Both events are keyed by customer on one topic, so a draw's drawn
 * event is always read before its redemption; the instruction, the store's changelog and the input offsets
 * commit in one Kafka transaction, so each redemption makes exactly one instruction.
 */
export class RedemptionDeletesProcessor
  implements Processor<string | null, ValidatedEvent, string | null, Outbound<MessageDelete>>
{
  readonly #options: RedemptionDeletesOptions;
  #context!: ProcessorContext<string | null, Outbound<MessageDelete>>;
  #store!: KeyValueStore<WonDraw | 1>;

  constructor(options: RedemptionDeletesOptions) {
    this.#options = options;
  }

  init(context: ProcessorContext<string | null, Outbound<MessageDelete>>): void {
    this.#context = context;
    this.#store = context.getStateStore(this.#options.storeName);
    context.schedule(this.#options.expiryIntervalMs, 'wall-clock', (now) => this.#forgetExpired(now));
  }

  async process(record: Record<string | null, ValidatedEvent>): Promise<void> {
    const event = record.value;
    if (event.type === EVENT_TYPES.instantWinDrawn) {
      this.#remember(event.id, event.data);
      return;
    }
    if (event.type !== EVENT_TYPES.couponRedeemed) {
      const message = `Expected ${EVENT_TYPES.instantWinDrawn} or ${EVENT_TYPES.couponRedeemed}, got ${event.type}`;
      throw new ValidationError([{ path: 'ce_type', message }], { eventType: event.type, eventId: event.id });
    }
    const redeemed: CouponRedeemed = event.data;
    const won = (await this.#store.get(wonKey(redeemed.drawId))) as WonDraw | undefined;
    if (won === undefined) {
      this.#options.onRedemption?.('unknown-draw');
      return;
    }
    const instruction: MessageDelete = { customerId: redeemed.customerId, sourceId: won.sourceId };
    const value = outbound(EVENT_TYPES.messageDelete, instruction, event, { id: `${event.id}:delete` });
    await this.#context.forward(
      record.withKey(redeemed.customerId).withValue(value),
      this.#options.deletesSink,
    );
    this.#forget(redeemed.drawId, won.forgetAt);
    this.#options.onRedemption?.('deleted');
  }

  #remember(sourceId: string, drawn: InstantWinDrawn): void {
    if (drawn.coupon === null) return; // no coupon, nothing to redeem
    const forgetAt = Date.parse(drawn.coupon.expiresAt) + this.#options.retentionMs;
    this.#store.put(wonKey(drawn.drawId), { sourceId, forgetAt });
    this.#store.put(expiryKey(forgetAt, drawn.drawId), 1);
  }

  #forget(drawId: string, forgetAt: number): void {
    this.#store.delete(wonKey(drawId));
    this.#store.delete(expiryKey(forgetAt, drawId));
  }

  async #forgetExpired(now: number): Promise<void> {
    const due: string[] = [];
    for await (const [key] of this.#store.range({ gte: 'x/', lt: expiryKey(now + 1, '') })) due.push(key);
    for (const key of due) {
      const [, forgetAt, drawId] = key.split('/');
      this.#forget(decodeURIComponent(drawId!), Number(forgetAt));
    }
  }
}
