import { ApiTokens, TokenSecret } from '@prizedraw/http-api';
import { uniqueName } from '../../../../test/support/kafka';
import { type ServiceProcess, startServiceProcess } from '../../../../test/support/service-process';
import { type InstantWinDatabase, instantWinDatabase } from './instant-win-database';

/** What {@link setUpInstantWinService} gives a test file, once its `beforeAll` ran. */
export interface InstantWinServiceUnderTest {
  /** The brand of the process's topics. */
  readonly brand: string;
  /** Issues tokens the service accepts. */
  readonly tokens: ApiTokens;
  db: InstantWinDatabase;
  service: ServiceProcess;
}

/**
 * `prizedraw start instant-win` as a process of its own on a database of the test file's own and a brand of
 * its own, started before the file's tests and stopped after.
 */
export function setUpInstantWinService(): InstantWinServiceUnderTest {
  const secret = `a test secret of at least 32 bytes, ${uniqueName('secret')}`;
  const state = {
    brand: uniqueName('iw').toLowerCase(),
    tokens: new ApiTokens(new TokenSecret(Buffer.from(secret))),
  } as InstantWinServiceUnderTest;
  beforeAll(async () => {
    state.db = await instantWinDatabase();
    state.service = await startServiceProcess(['instant-win'], {
      MYSQL_URL: state.db.url,
      BRAND: state.brand,
      PARTITIONS: '2',
      API_TOKEN_SECRET: secret,
    });
  });
  afterAll(async () => {
    await state.service?.stop();
    await state.db?.drop();
  });
  return state;
}
