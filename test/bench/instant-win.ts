// Benchmark of the instant-win service: 10,000 customers drawing at once, from a second process (autocannon),
// against the built service (`prizedraw start instant-win`) on the local stack's MariaDB and broker. Two
// phases, each a campaign of its own that every customer draws in once: as fast as the service answers
// (draws/s), then at a fixed 1,000 draws/s (latency at that rate). Checks after each phase that no coupon
// type gave more than its total or daily quota (over-awards), that each customer drew once, and that the
// outbox reached Kafka.
// Run (stack up, `eval "$(deploy/local/stack env)"`):
//   pnpm bench:instant-win [-- --customers 10000 --connections 100 --rate 1000 --odds 1 --profile DIR
//   --node-args=k8s (the service's node flags, space-separated; k8s: deploy/k8s')]
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ComplianceDbPool } from '@prizedraw/compliance-db';
import { ApiTokens, TokenSecret } from '@prizedraw/http-api';
import { instantWinDatabase } from '../../services/instant-win/test/support/instant-win-database';
import { uniqueName } from '../support/kafka';
import { startServiceProcess } from '../support/service-process';
import { waitUntil } from '../support/wait-until';
import type { DrawLoad, DrawLoadResult } from './support/instant-win-load';
import { benchOptions, flagsText, nodeArgsOf } from './support/options';
import { runBench, scratchTopics } from './support/run-bench';
import { cpuSeconds, peakRssMiB, printTable, STACK_DIR } from './support/stats';

const args = benchOptions({
  customers: { type: 'string', default: '10000' },
  connections: { type: 'string', default: '100' },
  rate: { type: 'string', default: '1000' },
  // Multiplies every probability: 0 measures draws without wins, i.e. without the coupon types' row locks.
  odds: { type: 'string', default: '1' },
  // A folder: the service writes a CPU profile there when it stops (node --cpu-prof).
  profile: { type: 'string' },
  'node-args': { type: 'string', default: '' },
});
const CUSTOMERS = Number(args.customers);
const SERVICE_FLAGS = nodeArgsOf(args['node-args'], 'instant-win');
const SECRET = 'the benchmark secret, at least thirty-two bytes long';
const COUPON_TYPES = [
  {
    name: '$5 Cash Coupon',
    faceValueMinor: 500,
    probability: 0.01,
    totalQuota: 50,
    dailyQuota: 30,
    redeemableForDays: 30,
  },
  {
    name: '$2 Cash Coupon',
    faceValueMinor: 200,
    probability: 0.1,
    totalQuota: 2_000,
    dailyQuota: 600,
    redeemableForDays: 30,
  },
  {
    name: 'Buy 1 get 1 free',
    faceValueMinor: 0,
    probability: 0.3,
    totalQuota: 100_000,
    dailyQuota: 100_000,
    redeemableForDays: 7,
  },
];

async function main(): Promise<void> {
  const db = await instantWinDatabase();
  const tokens = new ApiTokens(new TokenSecret(Buffer.from(SECRET)));
  const brand = uniqueName('bench-iw');
  scratchTopics(brand);
  const service = await startServiceProcess(
    ['instant-win'],
    { MYSQL_URL: db.url, BRAND: brand, PARTITIONS: '8', API_TOKEN_SECRET: SECRET },
    {
      built: true,
      nodeArgs: [
        ...SERVICE_FLAGS,
        ...(args.profile === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', args.profile]),
      ],
    },
  );
  const operator = `Bearer ${tokens.issue({ role: 'operator', subject: 'bench', ttlSeconds: 3600 })}`;
  try {
    const customers = Array.from({ length: CUSTOMERS }, (_, i) => `bench-${i}`);
    // Registered in bulk: the benchmark measures draws, not 10,000 registrations.
    for (let i = 0; i < customers.length; i += 1_000) {
      const batch = customers.slice(i, i + 1_000);
      await db.pool.query('INSERT INTO iw_customers (id, phone_e164, created_at) VALUES ?', [
        batch.map((id, j) => [id, `+447911${String(i + j).padStart(6, '0')}`, new Date()]),
      ]);
    }
    const customerTokens = customers.map((subject) =>
      tokens.issue({ role: 'customer', subject, ttlSeconds: 3600 }),
    );
    const phases: [string, number | undefined][] = [
      ['as fast as it answers', undefined],
      [`at ${args.rate} draws/s`, Number(args.rate)],
    ];
    for (const [title, rate] of phases) {
      const response = await fetch(`${service.url}/v1/campaigns`, {
        method: 'POST',
        headers: { authorization: operator, 'content-type': 'application/json' },
        body: JSON.stringify({
          name: `bench ${title}`,
          opensAt: new Date(Date.now() - 60_000).toISOString(),
          closesAt: new Date(Date.now() + 86_400_000).toISOString(),
          timeZone: 'UTC',
          currency: 'USD',
          couponTypes: COUPON_TYPES.map((type) => ({
            ...type,
            probability: type.probability * Number(args.odds),
          })),
        }),
      });
      const { campaignId } = (await response.json()) as { campaignId: string };
      const cpuBefore = cpuSeconds(service.child.pid);
      const mariadbCpuBefore = cpuSeconds(mariadbPid());
      const result = await runLoad({
        url: service.url,
        campaignId,
        tokens: customerTokens,
        connections: Number(args.connections),
        ...(rate === undefined ? {} : { rate }),
      });
      const cpu = cpuSeconds(service.child.pid) - cpuBefore;
      const mariadbCpu = cpuSeconds(mariadbPid()) - mariadbCpuBefore;
      const drawn = result.statusCodes['201'] ?? 0;
      printTable(`instant-win: ${CUSTOMERS.toLocaleString('en-US')} customers drawing ${title}`, [
        ['draws answered 201', drawn],
        [
          'other statuses',
          JSON.stringify(Object.fromEntries(Object.entries(result.statusCodes).filter(([c]) => c !== '201'))),
        ],
        ['errors / timeouts', `${result.errors} / ${result.timeouts}`],
        ['draws/s', drawn / result.durationS],
        ['latency p50 ms', result.latencyP50Ms],
        ['latency p99 ms', result.latencyP99Ms],
        ['latency max ms', result.latencyMaxMs],
        ['service CPU s per 1,000 draws', (cpu / drawn) * 1000],
        ['MariaDB CPU s per 1,000 draws', (mariadbCpu / drawn) * 1000],
        ...(await checkAwards(db.pool, campaignId)),
      ]);
    }
    const relayStart = Date.now();
    await waitUntil(
      'the outbox relayed',
      async () => {
        const [rows] = await rowsOf(db.pool, 'SELECT COUNT(*) AS n FROM iw_outbox WHERE sent_at IS NULL');
        return Number(rows[0]?.n) === 0;
      },
      { timeoutMs: 120_000, everyMs: 200 },
    );
    printTable('outbox', [
      ['unsent rows left after the load, drained in ms', Date.now() - relayStart],
      ['instant-win node flags', flagsText(SERVICE_FLAGS)],
      ['instant-win peak RSS MiB (whole run)', peakRssMiB(service.child.pid)],
    ]);
  } finally {
    await service.stop();
    await db.drop();
  }
}

/** Runs one phase's load in a second process and returns what autocannon measured. */
async function runLoad(load: DrawLoad): Promise<DrawLoadResult> {
  const file = join(tmpdir(), `${uniqueName('instant-win-load')}.json`);
  await writeFile(file, JSON.stringify(load));
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'support/instant-win-load.ts'), file],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as DrawLoadResult;
}

/** Over-awards (coupons beyond a total or daily quota, a quota taken without its coupon) and draws per customer. */
async function checkAwards(pool: ComplianceDbPool, campaignId: string): Promise<[string, string | number][]> {
  const [types] = await rowsOf(
    pool,
    `SELECT t.name, t.total_quota, t.daily_quota, t.total_quota - t.remaining AS taken,
            (SELECT COUNT(*) FROM iw_coupons c WHERE c.coupon_type_id = t.id) AS coupons
     FROM iw_coupon_types t WHERE t.campaign_id = ? ORDER BY t.position`,
    [campaignId],
  );
  const [[draws]] = await rowsOf(
    pool,
    'SELECT COUNT(*) AS n, COUNT(DISTINCT customer_id) AS customers FROM iw_draws WHERE campaign_id = ?',
    [campaignId],
  );
  const overAwards = types.filter(
    (type) =>
      Number(type.coupons) > Math.min(Number(type.total_quota), Number(type.daily_quota)) ||
      Number(type.coupons) !== Number(type.taken),
  ).length;
  return [
    ...types.map((type): [string, string] => [
      `coupons ${type.name}`,
      `${type.coupons} (quota ${type.total_quota}, daily ${type.daily_quota})`,
    ]),
    ['draws recorded / distinct customers', `${draws?.n} / ${draws?.customers}`],
    ['over-awards (types over quota)', overAwards],
  ];
}

/** The local stack's MariaDB server, whose CPU per draw the benchmark reports. */
function mariadbPid(): number {
  return Number(readFileSync(`${STACK_DIR}/run/mariadb.pid`, 'utf8').trim());
}

type Row = Record<string, unknown>;

async function rowsOf(pool: ComplianceDbPool, sql: string, params: unknown[] = []): Promise<[Row[]]> {
  const [rows] = await pool.query(sql, params);
  return [rows as Row[]];
}

runBench(main);
