import { STATUS_CODES } from 'node:http';
import { z } from 'zod';

/** Where in the request a field at fault is. */
export type IssueLocation = 'path' | 'query' | 'header' | 'body';

/** One field at fault in a request. */
export interface Issue {
  /** The part of the request the field is in. */
  in: IssueLocation;
  /**
   * The field's dotted path inside that part (`email`, `prizes.0.name`), or `(body)`, `(query)`, … when the
   * part as a whole is at fault (a body that is not JSON, a missing body).
   */
  field: string;
  message: string;
}

/** The `issues` extension member of a problem: each field at fault, with the reason. */
export const issueSchema = z
  .object({
    in: z.enum(['path', 'query', 'header', 'body']).describe('the part of the request the field is in'),
    field: z
      .string()
      .describe(
        'dotted path of the field inside that part, or "(body)", "(query)", … for the part as a whole',
      ),
    message: z.string().describe('why the field is at fault'),
  })
  .meta({ id: 'Issue' });

/**
 * An RFC 9457 problem detail (`application/problem+json`). `type` is `about:blank` when the problem is the
 * HTTP status itself (`title` is then the status's reason phrase), else a `tag:` URI naming the problem;
 * `instance` is the path of the request. Validation problems add `issues`.
 */
export const problemSchema = z
  .object({
    type: z.string().describe('a URI naming the problem type; about:blank when the status says it all'),
    title: z.string().describe('a short summary of the problem type'),
    status: z.number().int().min(400).max(599).describe('the HTTP status code'),
    detail: z.string().describe('what went wrong with this request, for a person'),
    instance: z.string().describe('the path of the request'),
    issues: z.array(issueSchema).optional().describe('each field at fault (validation problems)'),
  })
  .meta({ id: 'Problem' });

/** A problem as sent: the RFC 9457 members and any extension members. */
export type Problem = z.output<typeof problemSchema> & Record<string, unknown>;

/** The media type of a problem (RFC 9457 section 3). */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** A problem type URI of prizedraw's: `tag:prizedraw,2026:problem:<name>`. */
export function problemType(name: string): string {
  return `tag:prizedraw,2026:problem:${name}`;
}

/** The problem type of a request that failed validation (400), with `issues`. */
export const VALIDATION_PROBLEM = problemType('validation');

/** What an `HttpProblem` is made from; `type` defaults to about:blank and `title` to the status's phrase. */
export interface HttpProblemInit {
  status: number;
  detail: string;
  type?: string;
  title?: string;
  issues?: readonly Issue[];
  /** Extension members (RFC 9457 section 3.2), e.g. `{ partition: 3 }`. */
  extensions?: Record<string, unknown>;
  /** Response headers, e.g. `{ 'retry-after': '5' }` for a 503. */
  headers?: Record<string, string>;
}

/**
 * An error a route throws (or a hook sends) to answer with a problem: the error handler turns it into an
 * `application/problem+json` response with the given status, members and headers.
 *
 * ```ts
 * throw new HttpProblem({ status: 409, type: problemType('already-drawn'), detail: 'drawn today', extensions: { draw } });
 * ```
 */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly issues: readonly Issue[] | undefined;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(init: HttpProblemInit) {
    super(init.detail);
    this.status = init.status;
    this.type = init.type ?? 'about:blank';
    this.title = init.title ?? STATUS_CODES[init.status] ?? 'Error';
    this.issues = init.issues;
    this.extensions = init.extensions ?? {};
    this.headers = init.headers ?? {};
  }

  /** The problem's body for a request to `instance` (its path). */
  toProblem(instance: string): Problem {
    return {
      ...this.extensions,
      type: this.type,
      title: this.title,
      status: this.status,
      detail: this.message,
      instance,
      ...(this.issues === undefined ? {} : { issues: [...this.issues] }),
    };
  }
}

/** A 400 validation problem naming every field at fault. */
export function validationProblem(issues: readonly Issue[]): HttpProblem {
  const fields = [...new Set(issues.map((issue) => issue.field))].join(', ');
  return new HttpProblem({
    status: 400,
    type: VALIDATION_PROBLEM,
    title: 'Invalid request',
    detail: `invalid request: ${fields}`,
    issues,
  });
}
