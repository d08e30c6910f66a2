import { rm } from 'node:fs/promises';
import { TEMP_ROOT_VARIABLE } from './temp-root-setup';

/** Deletes the run's temporary folder (temp-root-setup.ts). */
export default async function removeTempRoot(): Promise<void> {
  const root = process.env[TEMP_ROOT_VARIABLE];
  if (root !== undefined) await rm(root, { recursive: true, force: true });
}
