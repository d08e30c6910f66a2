import {
  type ComplianceDbPool,
  ContestRepository,
  isConnectionFailure,
  SubmissionRepository,
} from '@prizedraw/compliance-db';
import {
  type ApiTokens,
  addApiRoute,
  HttpProblem,
  jsonResponse,
  problemResponse,
  problemType,
  retryAfterHeader,
} from '@prizedraw/http-api';
import type { DrawDefinitions } from '@prizedraw/service';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { scaOverview } from './sca-overview';

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
      }),
    ),
  })
  .meta({ id: 'ConsoleSca' });

/** `GET /v1/console/sca`: SCA contests and the submission of each SCA draw, from the compliance database. */
export function registerScaRoute(
  http: FastifyInstance,
  options: { pool: ComplianceDbPool | undefined; definitions: DrawDefinitions; tokens: ApiTokens },
): void {
  const { pool } = options;
  const repositories = pool && {
    contests: new ContestRepository(pool),
    submissions: new SubmissionRepository(pool),
  };
  addApiRoute(http, {
    method: 'GET',
    url: '/v1/console/sca',
    operationId: 'getConsoleSca',
    summary: 'SCA contests and the submission (file pair, sha256, rows, times) of each SCA draw',
    tags: ['console'],
    auth: { tokens: options.tokens, roles: ['operator'] },
    responses: {
      200: jsonResponse('the SCA overview', scaSchema),
      503: problemResponse('the compliance database cannot be reached', {
        headers: { 'retry-after': retryAfterHeader },
      }),
    },
    async handler() {
      if (!repositories) return { configured: false, contests: [], rejected: [], draws: [] };
      try {
        return {
          configured: true,
          ...(await scaOverview({ ...repositories, definitions: options.definitions }, SCA_DRAWS_SHOWN)),
        };
      } catch (error) {
        if (!isConnectionFailure(error)) throw error;
        throw new HttpProblem({
          status: 503,
          type: problemType('database-unavailable'),
          detail: 'the compliance database cannot be reached; retry later',
          headers: { 'retry-after': '5' },
        });
      }
    },
  });
}
