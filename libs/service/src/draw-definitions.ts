import type { DrawDefined } from '@prizedraw/events';

/** Read access to the draw definitions, as a table keyed by draw id. */
export interface DrawDefinitions {
  get(drawId: string): DrawDefined | undefined;
  /** The draws of `promoCode` that are open at `instant` (opensAt ≤ instant < closesAt). */
  openFor(promoCode: string, instant: number): DrawDefined[];
}

/**
 * Draw definitions held in memory, indexed by promotion. Filled from the compacted definitions topic by a
 * global table in the services, and directly in tests.
 */
export class InMemoryDrawDefinitions implements DrawDefinitions {
  readonly #byId = new Map<string, DrawDefined>();
  readonly #byPromo = new Map<string, Map<string, DrawDefined>>();

  constructor(draws: Iterable<DrawDefined> = []) {
    for (const draw of draws) this.put(draw);
  }

  put(draw: DrawDefined): void {
    this.remove(draw.drawId);
    this.#byId.set(draw.drawId, draw);
    const promo = this.#byPromo.get(draw.promoCode) ?? new Map<string, DrawDefined>();
    promo.set(draw.drawId, draw);
    this.#byPromo.set(draw.promoCode, promo);
  }

  remove(drawId: string): void {
    const previous = this.#byId.get(drawId);
    if (!previous) return;
    this.#byId.delete(drawId);
    this.#byPromo.get(previous.promoCode)?.delete(drawId);
  }

  get(drawId: string): DrawDefined | undefined {
    return this.#byId.get(drawId);
  }

  openFor(promoCode: string, instant: number): DrawDefined[] {
    const open: DrawDefined[] = [];
    for (const draw of this.#byPromo.get(promoCode)?.values() ?? []) {
      if (Date.parse(draw.opensAt) <= instant && instant < Date.parse(draw.closesAt)) open.push(draw);
    }
    return open;
  }
}
