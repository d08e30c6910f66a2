import type { Stamp } from '@prizedraw/events';

/** One topic's records over the kept intervals, oldest first, for the Health page's charts. */
export interface TopicTimings {
  readonly topic: string;
  /** Records written in each interval, per second. */
  readonly perSecond: number[];
  /** Mean end-to-end latency (first stamp to the record's time) in each interval, ms; null: no records. */
  readonly meanLatencyMs: (number | null)[];
  /** The slowest record of each interval, ms; null: no records. */
  readonly maxLatencyMs: (number | null)[];
}

/** One stage of the pipeline: the mean time from the previous stamp to its own, over the kept intervals. */
export interface StageTiming {
  readonly stage: string;
  readonly records: number;
  readonly meanHopMs: number;
}

interface Interval {
  count: number;
  latencySum: number;
  latencyMax: number;
}

interface StageSum {
  records: number;
  hopSum: number;
}

/**
 * Throughput and end-to-end latency per topic, and the time each stage adds, from the timelines every event
 * carries (the binder's stamps). Records are placed by their own timestamp into intervals of `intervalMs`, so
 * reading a topic from its beginning fills only the intervals its recent records fall in; the last
 * `intervals` are kept and older ones dropped, a fixed cost however many records pass.
 */
export class PipelineTimings {
  readonly #intervalMs: number;
  readonly #intervals: number;
  readonly #topics = new Map<string, Map<number, Interval>>();
  readonly #stages = new Map<string, Map<number, StageSum>>();
  // Pruned once per interval, not per record (a million records would each walk every kept interval).
  #prunedFor = Number.NEGATIVE_INFINITY;

  constructor(intervalMs: number, intervals: number) {
    this.#intervalMs = intervalMs;
    this.#intervals = intervals;
  }

  /** A record of `topic` written at `timestamp` (ms) whose event carries `timeline`. */
  add(topic: string, timestamp: number, timeline: readonly Stamp[], now: number): void {
    const first = timeline[0];
    const index = Math.floor(timestamp / this.#intervalMs);
    if (first === undefined || index <= this.#currentIndex(now) - this.#intervals) return;
    const intervals = this.#topics.get(topic) ?? new Map<number, Interval>();
    this.#topics.set(topic, intervals);
    const interval = intervals.get(index) ?? { count: 0, latencySum: 0, latencyMax: 0 };
    intervals.set(index, interval);
    // A clock ahead on the producing host must not show as negative latency.
    const latency = Math.max(0, timestamp - first.at);
    interval.count++;
    interval.latencySum += latency;
    interval.latencyMax = Math.max(interval.latencyMax, latency);
    timeline.forEach((stamp, i) => {
      if (i === 0) return;
      const sums = this.#stages.get(stamp.stage) ?? new Map<number, StageSum>();
      this.#stages.set(stamp.stage, sums);
      const sum = sums.get(index) ?? { records: 0, hopSum: 0 };
      sums.set(index, sum);
      sum.records++;
      sum.hopSum += Math.max(0, stamp.at - (timeline[i - 1]?.at ?? stamp.at));
    });
    this.#prune(now);
  }

  /** Every topic seen, its intervals up to the one containing `now` (which is still filling). */
  topics(now: number): TopicTimings[] {
    this.#prune(now);
    const last = this.#currentIndex(now);
    const indexes = Array.from({ length: this.#intervals }, (_, i) => last - this.#intervals + 1 + i);
    return [...this.#topics]
      .map(([topic, intervals]) => ({
        topic,
        perSecond: indexes.map((i) => ((intervals.get(i)?.count ?? 0) * 1000) / this.#intervalMs),
        meanLatencyMs: indexes.map((i) => {
          const interval = intervals.get(i);
          return interval ? Math.round(interval.latencySum / interval.count) : null;
        }),
        maxLatencyMs: indexes.map((i) => intervals.get(i)?.latencyMax ?? null),
      }))
      .sort((a, b) => a.topic.localeCompare(b.topic));
  }

  /** Each stage's mean hop over the kept intervals, in the order of its mean. */
  stages(now: number): StageTiming[] {
    this.#prune(now);
    return [...this.#stages]
      .map(([stage, sums]) => {
        let records = 0;
        let hopSum = 0;
        for (const sum of sums.values()) {
          records += sum.records;
          hopSum += sum.hopSum;
        }
        return { stage, records, meanHopMs: records === 0 ? 0 : Math.round(hopSum / records) };
      })
      .filter((stage) => stage.records > 0)
      .sort((a, b) => b.meanHopMs - a.meanHopMs || a.stage.localeCompare(b.stage));
  }

  #currentIndex(now: number): number {
    return Math.floor(now / this.#intervalMs);
  }

  #prune(now: number): void {
    const oldest = this.#currentIndex(now) - this.#intervals + 1;
    if (oldest === this.#prunedFor) return;
    this.#prunedFor = oldest;
    for (const intervals of [...this.#topics.values(), ...this.#stages.values()])
      for (const index of intervals.keys()) if (index < oldest) intervals.delete(index);
  }
}
