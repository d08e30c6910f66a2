import {
  type ComplianceDbPool,
  ContestRepository,
  ExportFailureRepository,
  SubmissionRepository,
} from '@prizedraw/compliance-db';
import {
  type ApiTokens,
  addApiRoute,
  HttpProblem,
  jsonResponse,
  principalOf,
  problemResponse,
  problemType,
  retryAfterHeader,
} from '@prizedraw/http-api';
import type { DrawDefinitions, ServiceContext } from '@prizedraw/service';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type ScaExportRequest, scaExportStatusOf } from '../sca-exports';
import type { OperatorActions } from './operator-actions';
import { type ScaSources, scaOverview } from './sca-overview';
import { databaseCall } from './unavailable-problem';

// sca-export's counter of failed attempts by step; in the registry when it runs in the console's process.
const EXPORT_FAILURES_METRIC = 'prizedraw_sca_export_failures_total';

// The page lists the latest SCA draws only: one submission query per draw.
const SCA_DRAWS_SHOWN = 100;

const scaSchema = z
  .object({
    configured: z.boolean().describe('False when the console has no MYSQL_URL: nothing else is filled.'),
    contests: z.array(
      z.object({
        contestId: z.int(),
        utmContent: z.string(),
        name: z.string().nullable(),
        frequency: z.string(),
        timezone: z.string(),
        active: z.boolean(),
      }),
    ),
    rejected: z.array(z.object({ contestId: z.int(), reason: z.string() })),
    draws: z.array(
      z.object({
        drawId: z.string(),
        closesAt: z.string(),
        submission: z
          .object({
            drawId: z.string(),
            txtName: z.string(),
            hshName: z.string(),
            sha256: z.string(),
            txtBytes: z.int(),
            hshBytes: z.int(),
            rows: z.int(),
            startedAt: z.string(),
            finishedAt: z.string().nullable().describe('null: delivery in progress or interrupted.'),
          })
          .nullable(),
        period: z
          .object({ contest: z.string(), start: z.string(), end: z.string() })
          .nullable()
          .describe('The contest (utm_content) and the days of the period, from the draw id.'),
        s3: z
          .object({ txt: z.string(), hsh: z.string() })
          .nullable()
          .describe('s3://bucket/key of the archived pair (S3_BUCKET, S3_KEY_PREFIX).'),
        status: z.object({
          state: z.enum(['not-requested', 'queued', 'delivering', 'stalled', 'failed', 'delivered']),
          reason: z.string().nullable(),
        }),
        requestedAt: z.string().nullable().describe('When its runs were complete and the export requested.'),
        failedAttempts: z
          .object({
            attempts: z.int().nonnegative().describe('Failed attempts of the export worker at this draw.'),
            latest: z
              .array(z.object({ step: z.string(), reason: z.string(), failedAt: z.string() }))
              .describe('The latest few, newest first.'),
          })
          .nullable()
          .describe(
            'From sca_export_failures, written by the export worker; null: the table is not there yet (the worker has not migrated the database).',
          ),
      }),
    ),
    failures: z
      .array(z.object({ step: z.string(), attempts: z.int().nonnegative() }))
      .nullable()
      .describe(
        "Failed attempts of the export worker by step (its prizedraw_sca_export_failures_total); null: it does not run in the console's process (see its /metrics).",
      ),
  })
  .meta({ id: 'ConsoleSca' });

/** What the SCA routes need besides the database. */
export interface ScaRouteOptions {
  readonly pool: ComplianceDbPool | undefined;
  readonly definitions: DrawDefinitions;
  readonly tokens: ApiTokens;
  readonly requests: ReadonlyMap<string, ScaExportRequest>;
  readonly committed: ScaSources['committed'];
  readonly bucket: string;
  readonly keyPrefix: string;
  readonly registry: ServiceContext['registry'];
  readonly actions: OperatorActions;
}

/**
 * `GET /v1/console/sca`: SCA contests and the export of each SCA draw, from the compliance database, the
 * exports topic and the export worker's progress; `POST /v1/console/sca/{drawId}/retry`: request the export
 * again (audited).
 */
export function registerScaRoute(http: FastifyInstance, options: ScaRouteOptions): void {
  const { pool } = options;
  const auth = { tokens: options.tokens, roles: ['operator' as const] };
  const repositories = pool && {
    contests: new ContestRepository(pool),
    submissions: new SubmissionRepository(pool),
    failures: new ExportFailureRepository(pool),
  };
  addApiRoute(http, {
    method: 'GET',
    url: '/v1/console/sca',
    operationId: 'getConsoleSca',
    summary:
      'SCA contests and the export of each SCA draw: period, file pair, sha256, S3 keys, state and why',
    tags: ['console'],
    auth,
    responses: {
      200: jsonResponse('the SCA overview', scaSchema),
      503: problemResponse('the compliance database cannot be reached', {
        headers: { 'retry-after': retryAfterHeader },
      }),
    },
    async handler() {
      if (!repositories) return { configured: false, contests: [], rejected: [], draws: [], failures: null };
      return {
        configured: true,
        ...(await databaseCall(() =>
          scaOverview({ ...options, ...repositories }, SCA_DRAWS_SHOWN, Date.now()),
        )),
        failures: await failuresByStep(options.registry),
      };
    },
  });

  addApiRoute(http, {
    method: 'POST',
    url: '/v1/console/sca/:drawId/retry',
    operationId: 'retryConsoleScaExport',
    summary:
      "Send a draw's export request again to the export worker (idempotent: a delivered pair is not sent twice); audited",
    tags: ['console'],
    auth,
    request: { params: z.object({ drawId: z.string().min(1).max(200).describe('The SCA draw.') }) },
    responses: {
      202: jsonResponse('written to the exports topic', z.object({ drawId: z.string() })),
      409: problemResponse('no export request seen for the draw, or it is delivered already'),
      503: problemResponse('Kafka or the database is unavailable: nothing was done, retry later', {
        headers: { 'retry-after': retryAfterHeader },
      }),
    },
    async handler(request, reply) {
      const { drawId } = request.params;
      const exportRequest = options.requests.get(drawId);
      const submission = repositories && (await databaseCall(() => repositories.submissions.find(drawId)));
      const refuse = (detail: string) =>
        new HttpProblem({ status: 409, type: problemType('sca-export-not-retriable'), detail });
      if (!exportRequest) throw refuse(`no export request of ${drawId} was seen: its runs are not complete`);
      if (scaExportStatusOf(exportRequest, submission, undefined, Date.now()).state === 'delivered')
        throw refuse(`${drawId} is delivered already`);
      await options.actions.retryScaExport(exportRequest.ready, principalOf(request).subject);
      return reply.code(202).send({ drawId });
    },
  });
}

async function failuresByStep(registry: ServiceContext['registry']) {
  const metric = registry.getSingleMetric(EXPORT_FAILURES_METRIC);
  if (!metric) return null;
  const { values } = await metric.get();
  return values.map((v) => ({ step: String(v.labels.step ?? ''), attempts: v.value }));
}
