import type { ComplianceDbPool } from './create-pool';
import { type MigrateOptions, type MigrateResult, migrate } from './migrate';

/**
 * {@link migrate} for a service that must start while the database may be down: call the returned function
 * before using the pool. The first call that reaches the server applies the migrations; later calls resolve
 * with that result at once. A failed call is forgotten, so the next one tries again.
 */
export function migrateOnce(
  pool: ComplianceDbPool,
  options: MigrateOptions = {},
): () => Promise<MigrateResult> {
  let result: Promise<MigrateResult> | undefined;
  return () => {
    result ??= migrate(pool, options).catch((error: unknown) => {
      result = undefined;
      throw error;
    });
    return result;
  };
}
