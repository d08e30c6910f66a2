import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

/** Where `deploy/local/stack` keeps the servers' data and pid files. */
export const STACK_DIR = process.env.PRIZEDRAW_STACK_DIR ?? join(__dirname, '../../../.stack');

/** The p-th percentile (0–100) of the values, nearest-rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** A memory field of `/proc/<pid>/status` (VmHWM, RssAnon, RssFile …), in MiB. */
function statusMiB(status: string, field: string): number {
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN) / 1024;
}

/** Peak resident memory of a process in MiB, from the kernel's high-water mark. */
export function peakRssMiB(pid: number = process.pid): number {
  return statusMiB(readFileSync(`/proc/${pid}/status`, 'utf8'), 'VmHWM');
}

/** The peaks, in MiB, of the two parts of a process's resident memory. */
export interface RssParts {
  /** Its own memory: V8's heap, Buffers, native allocations (LevelDB's caches and write buffers among them). */
  anon: number;
  /**
   * Pages of files mapped into it: the Node binary's, and the LevelDB tables a store reads (LevelDB maps up to
   * 1,000 table files rather than reading them). Clean page cache, which the kernel reclaims under pressure,
   * but counted in the RSS.
   */
  file: number;
}

/**
 * Samples `/proc/<pid>/status` every 100 ms until stopped and returns the peak of each part of the RSS. The
 * kernel keeps only the whole RSS's peak (VmHWM), and which part a peak is made of decides what can lower it.
 */
export function sampleRssParts(pid: number): { stop(): RssParts } {
  return sampleEvery100Ms({ anon: 0, file: 0 }, (peaks) => {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    peaks.anon = Math.max(peaks.anon, statusMiB(status, 'RssAnon'));
    peaks.file = Math.max(peaks.file, statusMiB(status, 'RssFile'));
  });
}

/** What a process used: its peak RSS (the kernel's high-water mark) in MiB, and its CPU seconds. */
export interface ProcessUsage {
  peakRssMiB: number;
  cpuSeconds: number;
}

/**
 * Samples a process's {@link peakRssMiB} and {@link cpuSeconds} every 100 ms until stopped, which samples once
 * more: the figures of a process still running then, or, of one that died (out of heap), those it had at
 * most 100 ms before its end, when /proc still showed them.
 */
export function sampleUsage(pid: number): { stop(): ProcessUsage } {
  return sampleEvery100Ms({ peakRssMiB: 0, cpuSeconds: 0 }, (usage) => {
    // A process that exited but is not reaped yet has no memory fields left (NaN): its last figures stay.
    const rss = peakRssMiB(pid);
    if (Number.isFinite(rss)) usage.peakRssMiB = rss;
    usage.cpuSeconds = Math.max(usage.cpuSeconds, cpuSeconds(pid));
  });
}

/**
 * Lets `sample` update `figures` every 100 ms until stopped, which samples once more and returns them. A
 * sample that throws is passed over: the process it reads in /proc has exited, its figures are those seen so
 * far.
 */
function sampleEvery100Ms<T>(figures: T, sample: (figures: T) => void): { stop(): T } {
  const attempt = () => {
    try {
      sample(figures);
    } catch {
      // Exited: nothing more to read.
    }
  };
  const timer = setInterval(attempt, 100);
  timer.unref();
  return {
    stop() {
      attempt();
      clearInterval(timer);
      return figures;
    },
  };
}

/** Prints rows as an aligned table on stdout. */
export function printTable(title: string, rows: readonly (readonly [string, string | number])[]): void {
  const width = Math.max(...rows.map(([label]) => label.length));
  process.stdout.write(`\n${title}\n${'-'.repeat(title.length)}\n`);
  for (const [label, value] of rows) {
    process.stdout.write(
      `${label.padEnd(width)}  ${typeof value === 'number' ? value.toLocaleString('en-US', { maximumFractionDigits: 1 }) : value}\n`,
    );
  }
}

/**
 * CPU seconds (user + system) a process has used so far, from /proc. Divided by the events it handled, this
 * is a figure that holds when other work shares the machine, unlike wall-clock throughput.
 */
export function cpuSeconds(pid: number = process.pid): number {
  // Fields 14 and 15 of /proc/<pid>/stat, after the parenthesised command name (which may hold spaces).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Seconds a service process has been paused for garbage collection so far, over all kinds: prom-client's default
 * `nodejs_gc_duration_seconds`, read from the service's /metrics. What allocation costs, and steadier than wall
 * time: a change that allocates less shows here when the machine's speed hides it in the timings.
 */
export async function gcPauseSeconds(serviceUrl: string): Promise<number> {
  const metrics = await (await fetch(`${serviceUrl}/metrics`)).text();
  let seconds = 0;
  for (const [, sum] of metrics.matchAll(/^nodejs_gc_duration_seconds_sum\{[^}]*\} (\S+)$/gm))
    seconds += Number(sum);
  return seconds;
}

/** The pid of the local stack's Kafka broker, to measure the CPU it spends on a benchmark's load. */
export function brokerPid(): number {
  return Number(readFileSync(join(STACK_DIR, 'run', 'kafka.pid'), 'utf8').trim());
}

/** The 1-minute load average now: the machine may be shared, so each figure is printed next to it. */
export const loadAverage = (): string => loadavg()[0]!.toFixed(1);
