import type { DrawDefined } from '@prizedraw/events';

// A draw's own ids: every other field is shared with the definitions that have the same value.
const OWN_FIELDS = new Set<string>(['drawId', 'seedCommitment']);

/**
 * One copy of each value that many draw definitions repeat. The scheduler defines a draw per contest period,
 * so thousands of definitions carry the same promotion, time zone, prizes, tags and period boundaries, and
 * each decoded definition has copies of its own: with them shared, one of the scheduler's takes ~280 bytes of
 * heap instead of ~580. Shared objects and arrays are frozen, as a definition is read-only for all who hold it.
 * Values are kept for as long as the table: a handful per promotion and per period boundary.
 */
export class SharedValues {
  readonly #strings = new Map<string, string>();
  // Objects and arrays by their JSON.
  readonly #objects = new Map<string, unknown>();

  /** A copy of `draw` whose fields, its ids apart, are the ones already shared. */
  definition(draw: DrawDefined): DrawDefined {
    // A spread keeps the decoded object's layout (its fields inside the object); the fields are then swapped.
    const copy: Record<string, unknown> = { ...draw };
    for (const field of Object.keys(copy)) {
      if (!OWN_FIELDS.has(field)) copy[field] = this.#share(copy[field]);
    }
    return copy as DrawDefined;
  }

  #share(value: unknown): unknown {
    if (typeof value === 'string') {
      const known = this.#strings.get(value);
      if (known !== undefined) return known;
      this.#strings.set(value, value);
      return value;
    }
    if (value === null || typeof value !== 'object') return value;
    const json = JSON.stringify(value);
    const known = this.#objects.get(json);
    if (known !== undefined) return known;
    const shared = Object.freeze(
      Array.isArray(value)
        ? value.map((item) => this.#share(item))
        : Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.#share(item)])),
    );
    this.#objects.set(json, shared);
    return shared;
  }
}
