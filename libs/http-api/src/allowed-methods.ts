import FindMyWay, { type HTTPMethod } from 'find-my-way';

/**
 * Every route the server has, by method and path pattern, so that a request nothing matched can be told
 * apart: 405 (the path exists under other methods, named in `Allow`) or 404 (no such path).
 */
export class AllowedMethods {
  readonly #router = FindMyWay();
  readonly #methods = new Set<HTTPMethod>();

  add(methods: string | readonly string[], url: string): void {
    for (const method of typeof methods === 'string' ? [methods] : methods) {
      this.#router.on(method as HTTPMethod, url, () => undefined);
      this.#methods.add(method as HTTPMethod);
    }
  }

  /** The methods some route serves `path` with (empty: no route has that path). */
  of(path: string): string[] {
    return [...this.#methods].filter((method) => this.#router.find(method, path) !== null).sort();
  }
}
