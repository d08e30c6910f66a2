import { PrivateServer } from './private-server';

/** A {@link PrivateServer} running MariaDB, with the URL its `aramis` database is reached at. */
export interface PrivateMariaDb extends PrivateServer {
  /** `mysql://prizedraw:prizedraw@127.0.0.1:<port>/aramis`, as `stack env` gives for the shared server. */
  readonly url: string;
}

/**
 * A MariaDB of one test's own (`deploy/local/lib/mariadb.sh`'s settings, database `aramis` migrated and user
 * `prizedraw` as on the shared server), on its own port and data directory: a fault test crashes and
 * restarts this one, never the stack's shared server.
 */
export async function startPrivateMariaDb(): Promise<PrivateMariaDb> {
  const server = await PrivateServer.start({ component: 'mariadb', post: true });
  return Object.assign(server, { url: `mysql://prizedraw:prizedraw@127.0.0.1:${server.port}/aramis` });
}
