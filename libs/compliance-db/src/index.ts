/**
 * @prizedraw/compliance-db — mysql2 access to the compliance database `aramis`: the contests table exactly
 * as production defines it, the contest entries of `user_details`, the SCA submission log and failed export
 * attempts, and the migrations that are the single source of that schema (`migrations/NNN_name.sql`). Test
 * data and a throw-away database come from `@prizedraw/compliance-db/fixtures`.
 *
 * @example
 * import { ContestRepository, createPool, migrate, UserDetailsRepository } from '@prizedraw/compliance-db';
 *
 * const pool = createPool(config.mysqlUrl);
 * await migrate(pool);
 * const { contests, rejected } = await new ContestRepository(pool).listContests();
 * const entries = new UserDetailsRepository(pool);
 * const batch = await entries.readAfter(watermark, 500); // incremental poll
 * for await (const entry of entries.streamEntries('spring', period.startsAt, period.endsAt)) write(entry);
 * await pool.end();
 */

export { databaseAddress, isConnectionFailure } from './connection-failure';
export {
  CONTEST_COLUMNS,
  type ContestList,
  ContestRepository,
  type RejectedContest,
} from './contest-repository';
export { type ComplianceDbPool, createPool } from './create-pool';
export {
  ExportFailureRepository,
  MAX_REASON_LENGTH,
  type ScaExportFailure,
  type ScaExportFailures,
} from './export-failure-repository';
export { MIGRATIONS_DIR, type MigrateOptions, type MigrateResult, MigrationError, migrate } from './migrate';
export { migrateOnce } from './migrate-once';
export { type ScaSubmission, SubmissionRepository } from './submission-repository';
export { TriggerRepository } from './trigger-repository';
export type { NewUserDetails, UserDetails } from './user-details';
export {
  type InsertEntryResult,
  type StreamEntriesOptions,
  UserDetailsRepository,
} from './user-details-repository';
export { WatermarkRepository } from './watermark-repository';
