import type { InstantWinDrawn } from '@prizedraw/events';
import { PrizedrawError } from '@prizedraw/events';

/** Why a request of the instant-win service failed, with the HTTP status it answers with. */
export const PROBLEM_STATUS = {
  'invalid-phone': 400,
  'customer-not-found': 404,
  'campaign-not-found': 404,
  'coupon-not-found': 404,
  'customer-exists': 409,
  'campaign-not-open': 409,
  'already-drawn-today': 409,
  'coupon-already-redeemed': 409,
  'coupon-expired': 410,
  'database-unavailable': 503,
} as const;

/** A kind of failure, e.g. `'already-drawn-today'`. */
export type Problem = keyof typeof PROBLEM_STATUS;

/**
 * A request the service refuses, or cannot serve now (`database-unavailable`, the only retriable one). The
 * routes answer `status` with a problem+json body whose type names `problem`.
 */
export class InstantWinError extends PrizedrawError {
  readonly problem: Problem;
  readonly status: number;
  /** For `already-drawn-today`: the customer's draw of that day, which the answer repeats. */
  readonly earlierDraw?: InstantWinDrawn;

  constructor(
    problem: Problem,
    message: string,
    options: { earlierDraw?: InstantWinDrawn; cause?: unknown } = {},
  ) {
    super(message, { retriable: problem === 'database-unavailable', cause: options.cause });
    this.problem = problem;
    this.status = PROBLEM_STATUS[problem];
    if (options.earlierDraw !== undefined) this.earlierDraw = options.earlierDraw;
  }
}
