// Node socket errors and mysql2 protocol errors that mean the server is not there (down, restarting,
// unreachable, out of connections) rather than that the query is wrong.
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
]);

/**
 * Whether `error`, thrown by a query on a compliance-database pool, is the server being unreachable or the
 * connection lost: it passes once the server is back, so the caller waits and tries again (a wrong query
 * or missing table would fail the same way every time).
 */
export function isConnectionFailure(error: unknown): boolean {
  const { code, fatal, errors } = (error ?? {}) as { code?: unknown; fatal?: unknown; errors?: unknown };
  // A host name with several addresses fails with an AggregateError of one error per address.
  if (Array.isArray(errors) && errors.length > 0) return errors.every(isConnectionFailure);
  return (typeof code === 'string' && CONNECTION_CODES.has(code)) || fatal === true;
}

/** `host:port` of a `mysql://` URL, for messages: never the user or password. */
export function databaseAddress(mysqlUrl: string): string {
  const url = new URL(mysqlUrl);
  return `${url.hostname}:${url.port || '3306'}`;
}
