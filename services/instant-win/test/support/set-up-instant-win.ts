import { InstantWin } from '../../src/instant-win';
import { type InstantWinDatabase, instantWinDatabase } from './instant-win-database';

/** What {@link setUpInstantWin} gives a test file; set `now` to move the clock. */
export interface InstantWinUnderTest {
  db: InstantWinDatabase;
  instantWin: InstantWin;
  now: Date;
}

/**
 * A database of the test file's own (created before its tests, dropped after) and the use cases on it, with
 * a clock the tests set.
 */
export function setUpInstantWin(start = '2026-03-10T12:00:00Z'): InstantWinUnderTest {
  const state = { now: new Date(start) } as InstantWinUnderTest;
  beforeAll(async () => {
    state.db = await instantWinDatabase();
    state.instantWin = new InstantWin({ pool: state.db.pool, clock: () => state.now });
  });
  afterAll(() => state.db.drop());
  return state;
}
