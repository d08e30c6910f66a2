import type { FastifyInstance } from 'fastify';
import { type Issue, validationProblem } from './problem';

// Fastify's JSON parser decodes the body leniently: bytes that are not UTF-8 become U+FFFD, so two ids
// differing only there would become one (one idempotency key, one customer). Bodies are read strictly.
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
// With the u flag a lone surrogate is a code point of category Cs; a paired one is not.
const LONE_SURROGATE = /\p{Cs}/u;

/** Why a JSON body cannot be read, as the `(body)` issue says it. */
export const BODY_ISSUES = {
  notUtf8: 'the body is not valid UTF-8 (RFC 8259: JSON is UTF-8)',
  loneSurrogate: 'a string holds a lone surrogate (\\ud800-\\udfff without its pair)',
  notJson: 'the body is not JSON',
  protoKey: 'the body holds a "__proto__" key',
} as const;

class Unreadable extends Error {
  constructor(readonly issue: string) {
    super(issue);
  }
}

/**
 * A JSON string may escape a lone surrogate (`"\ud800"`): valid UTF-8 bytes, but a string no UTF-8 can carry,
 * so a Kafka key or a CloudEvent id would turn it into U+FFFD just the same. `__proto__` keys are refused too,
 * as Fastify's own parser does, so that a parsed body never smuggles a prototype into a merge.
 */
function reviver(key: string, value: unknown): unknown {
  if (LONE_SURROGATE.test(key) || (typeof value === 'string' && LONE_SURROGATE.test(value))) {
    throw new Unreadable(BODY_ISSUES.loneSurrogate);
  }
  if (key === '__proto__') throw new Unreadable(BODY_ISSUES.protoKey);
  return value;
}

/**
 * Whether the reviver must look at the parsed body. Text decoded strictly holds no lone surrogate, and no
 * escape but `\u` writes one or spells `__proto__` some other way, so a body without either needs no look.
 * The reviver calls back for every key and value: ~3 µs of the ~4.5 a batch of decisions took per event.
 */
function mayHideIssue(text: string): boolean {
  return text.includes('\\u') || text.includes('__proto__');
}

const bodyIssue = (message: string): Issue => ({ in: 'body', field: '(body)', message });

/** Parses a JSON body strictly: the value, or the 400 problem naming why it cannot be read. */
export function parseStrictJson(body: Buffer): unknown {
  let text: string;
  try {
    text = STRICT_UTF8.decode(body);
  } catch {
    throw validationProblem([bodyIssue(BODY_ISSUES.notUtf8)]);
  }
  try {
    return mayHideIssue(text) ? JSON.parse(text, reviver) : JSON.parse(text);
  } catch (error) {
    throw validationProblem([bodyIssue(error instanceof Unreadable ? error.issue : BODY_ISSUES.notJson)]);
  }
}

/** Makes `application/json` the only body the server reads, strictly; any other media type gets 415. */
export function useStrictJsonParser(http: FastifyInstance): void {
  http.removeAllContentTypeParsers();
  http.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      done(null, parseStrictJson(body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
