/** One consumer group's lag at one moment. */
export interface GroupLag {
  readonly group: string;
  /** Records on its input topics it has not committed yet, over all partitions. */
  readonly lag: number;
  readonly topics: { topic: string; lag: number }[];
}

/** A group's lag now and over the last samples, oldest first, for a small chart. */
export interface GroupLagHistory extends GroupLag {
  readonly history: number[];
}

/**
 * The last `samples` lag samples of each consumer group, so the Health page can draw how lag moved without
 * the console storing anything: a group not seen in a sample keeps its history until it ages out.
 */
export class LagHistory {
  readonly #samples: number;
  readonly #groups = new Map<string, { latest: GroupLag; history: number[] }>();
  sampledAt: string | null = null;

  constructor(samples: number) {
    this.#samples = samples;
  }

  record(at: string, lags: readonly GroupLag[]): void {
    this.sampledAt = at;
    for (const lag of lags) {
      const entry = this.#groups.get(lag.group) ?? { latest: lag, history: [] };
      entry.latest = lag;
      entry.history.push(lag.lag);
      if (entry.history.length > this.#samples) entry.history.shift();
      this.#groups.set(lag.group, entry);
    }
  }

  groups(): GroupLagHistory[] {
    return [...this.#groups.values()]
      .map(({ latest, history }) => ({ ...latest, history: [...history] }))
      .sort((a, b) => a.group.localeCompare(b.group));
  }
}
