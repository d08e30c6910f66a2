// The load generator of `pnpm bench:instant-win`, a process of its own so that its CPU is not the service's:
// every customer of the job draws once in one campaign, through autocannon. Reads the job (JSON) from the file
// named by its argument, prints autocannon's result as one JSON line.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

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
  let next = 0;
  const result = await autocannon({
    url: load.url,
    connections: load.connections,
    amount: load.tokens.length,
    ...(load.rate === undefined ? {} : { overallRate: load.rate }),
    timeout: 30,
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
  const report: DrawLoadResult = {
    durationS: result.duration,
    sent: result.requests.sent,
    statusCodes,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    latencyMaxMs: result.latency.max,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
