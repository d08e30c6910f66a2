// The load generator of `pnpm bench:instant-win`, a process of its own so that its CPU is not the service's:
// every customer of the job draws once in one campaign. Reads the job (JSON) from the file named by its
// argument, prints the result as one JSON line.
//
// Two kinds of load:
// - as fast as the service answers: autocannon, closed loop, `connections` requests in flight;
// - at a fixed rate: requests sent evenly spaced (one every 1/rate s), open loop, each timed from the moment
//   it was due, so a slow answer cannot hide the requests queued behind it (coordinated omission).
//   autocannon's own rate limit is not used for this: each connection sends its share of the second
//   back to back when the second starts and then waits, so "1,000/s" arrives as a burst at full speed
//   for half a second and idles for the other half (autocannon 8, lib/httpClient.js, reqsMadeThisSecond).
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { percentile } from './stats';

/** What the load process is asked to do. */
export interface DrawLoad {
  url: string;
  campaignId: string;
  /** One bearer token per customer: each draws once. */
  tokens: string[];
  connections: number;
  /** Draws per second across all connections; unset: as fast as the service answers. */
  rate?: number;
}

/** What the load process reports. */
export interface DrawLoadResult {
  durationS: number;
  sent: number;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
}

async function main(): Promise<void> {
  const load = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as DrawLoad;
  const report = load.rate === undefined ? await asFastAsItAnswers(load) : await atFixedRate(load, load.rate);
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

async function asFastAsItAnswers(load: DrawLoad): Promise<DrawLoadResult> {
  let next = 0;
  // Timed here, from the start to the last answer: autocannon notices that it is done on its once-a-second
  // tick, so its duration (and the time until it resolves) comes in whole seconds, too coarse for a 5 s run.
  const start = performance.now();
  let lastAnswer = start;
  const result = await autocannon({
    url: load.url,
    connections: load.connections,
    amount: load.tokens.length,
    timeout: 30,
    setupClient: (client) => {
      client.on('response', () => {
        lastAnswer = performance.now();
      });
    },
    requests: [
      {
        method: 'POST',
        path: `/v1/campaigns/${load.campaignId}/draws`,
        setupRequest: (request) => {
          const token = load.tokens[next % load.tokens.length];
          next += 1;
          return { ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } };
        },
      },
    ],
  });
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats?.count ?? 0]),
  );
  return {
    durationS: (lastAnswer - start) / 1000,
    sent: result.requests.sent,
    statusCodes,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    latencyMaxMs: result.latency.max,
  };
}

async function atFixedRate(load: DrawLoad, rate: number): Promise<DrawLoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: load.connections });
  const url = new URL(`/v1/campaigns/${load.campaignId}/draws`, load.url);
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  const start = performance.now();
  const draws = load.tokens.map(async (token, i) => {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    try {
      const status = await post(agent, url, token);
      statusCodes[status] = (statusCodes[status] ?? 0) + 1;
      latencies.push(performance.now() - due);
    } catch {
      errors += 1;
    }
  });
  await Promise.all(draws);
  agent.destroy();
  return {
    durationS: (performance.now() - start) / 1000,
    sent: load.tokens.length,
    statusCodes,
    errors,
    timeouts: 0,
    latencyP50Ms: percentile(latencies, 50),
    latencyP99Ms: percentile(latencies, 99),
    latencyMaxMs: Math.max(...latencies),
  };
}

/** POSTs one draw with the customer's token; resolves with the status once the whole answer arrived. */
function post(agent: Agent, url: URL, token: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', agent, headers: { authorization: `Bearer ${token}` } });
    outgoing.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve(String(response.statusCode)));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
