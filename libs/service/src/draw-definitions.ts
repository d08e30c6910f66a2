import type { DrawDefined } from '@prizedraw/events';
import { SharedValues } from './shared-values';

/** Read access to the draw definitions, as a table keyed by draw id. */
export interface DrawDefinitions {
  get(drawId: string): DrawDefined | undefined;
  /** The draws of `promoCode` that are open at `instant` (opensAt ≤ instant < closesAt). */
  openFor(promoCode: string, instant: number): DrawDefined[];
  /** A number that grows with every change of the table, to tell cheaply whether anything changed. */
  version(): number;
  /** The draws defined or redefined after the table was at `version`. */
  changedSince(version: number): DrawDefined[];
  /**
   * The draw, as soon as the table has it: a definition on its topic reaches each process's table a moment
   * later, so a trigger or marker that names a draw may overtake it. Undefined after `timeoutMs` without it.
   */
  whenDefined(drawId: string, timeoutMs: number): Promise<DrawDefined | undefined>;
}

/** A draw as the table keeps it: its window parsed once (openFor runs for every activity, twice). */
interface Entry {
  draw: DrawDefined;
  opensAt: number;
  closesAt: number;
  /** The table's version when the draw was last put. */
  changedAt: number;
}

/**
 * Draw definitions held in memory, indexed by promotion, their repeated values shared (`SharedValues`). Filled
 * from the compacted definitions topic by a global table in the services, and directly in tests.
 */
export class InMemoryDrawDefinitions implements DrawDefinitions {
  readonly #byId = new Map<string, Entry>();
  readonly #byPromo = new Map<string, Map<string, Entry>>();
  readonly #shared = new SharedValues();
  readonly #waiting = new Map<string, Set<(draw: DrawDefined) => void>>();
  #version = 0;

  constructor(draws: Iterable<DrawDefined> = []) {
    for (const draw of draws) this.put(draw);
  }

  put(defined: DrawDefined): void {
    this.remove(defined.drawId);
    const draw = this.#shared.definition(defined);
    const entry = {
      draw,
      opensAt: Date.parse(draw.opensAt),
      closesAt: Date.parse(draw.closesAt),
      changedAt: ++this.#version,
    };
    this.#byId.set(draw.drawId, entry);
    const promo = this.#byPromo.get(draw.promoCode) ?? new Map<string, Entry>();
    promo.set(draw.drawId, entry);
    this.#byPromo.set(draw.promoCode, promo);
    for (const resolve of this.#waiting.get(draw.drawId) ?? []) resolve(draw);
  }

  remove(drawId: string): void {
    const previous = this.#byId.get(drawId);
    if (!previous) return;
    this.#byId.delete(drawId);
    this.#byPromo.get(previous.draw.promoCode)?.delete(drawId);
    this.#version++;
  }

  version(): number {
    return this.#version;
  }

  changedSince(version: number): DrawDefined[] {
    const changed: DrawDefined[] = [];
    for (const { draw, changedAt } of this.#byId.values()) if (changedAt > version) changed.push(draw);
    return changed;
  }

  whenDefined(drawId: string, timeoutMs: number): Promise<DrawDefined | undefined> {
    const known = this.get(drawId);
    if (known) return Promise.resolve(known);
    return new Promise((resolve) => {
      const waiting = this.#waiting.get(drawId) ?? new Set();
      this.#waiting.set(drawId, waiting);
      const settle = (draw: DrawDefined | undefined) => {
        clearTimeout(timer);
        waiting.delete(settle);
        if (waiting.size === 0) this.#waiting.delete(drawId);
        resolve(draw);
      };
      const timer = setTimeout(() => settle(undefined), timeoutMs);
      waiting.add(settle);
    });
  }

  get(drawId: string): DrawDefined | undefined {
    return this.#byId.get(drawId)?.draw;
  }

  openFor(promoCode: string, instant: number): DrawDefined[] {
    const open: DrawDefined[] = [];
    for (const { draw, opensAt, closesAt } of this.#byPromo.get(promoCode)?.values() ?? []) {
      if (opensAt <= instant && instant < closesAt) open.push(draw);
    }
    return open;
  }
}
