import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { asyncApiDocument } from './asyncapi-document';

// Writes libs/events/asyncapi.yaml from the zod schemas:
//   pnpm --filter @prizedraw/events generate:asyncapi
// src/asyncapi.test.ts fails when the checked-in file differs from what this produces.

/** Where the document lives. */
export const ASYNCAPI_PATH = join(__dirname, '..', 'asyncapi.yaml');

/** The command that regenerates it, for error messages. */
export const GENERATE_COMMAND = 'pnpm --filter @prizedraw/events generate:asyncapi';

/** The document as YAML, exactly as it should be checked in. */
export function renderAsyncApi(): string {
  const header =
    '# The public contract of prizedraw (AsyncAPI 3.0). Generated from the zod schemas in libs/events/src:\n' +
    `# do not edit by hand, run \`${GENERATE_COMMAND}\`.\n`;
  // No anchors/aliases: repeated objects are written out in full, as a reader expects. YAML 1.1 quoting,
  // so that parsers of either version (js-yaml reads 1.1 timestamps as dates) read times back as strings.
  return (
    header + stringify(asyncApiDocument(), { aliasDuplicateObjects: false, lineWidth: 0, version: '1.1' })
  );
}

/** Whether the checked-in file matches the generator; what differs is left to `git diff` after generating. */
export function isAsyncApiUpToDate(): boolean {
  try {
    return readFileSync(ASYNCAPI_PATH, 'utf8') === renderAsyncApi();
  } catch {
    return false;
  }
}

if (require.main === module) {
  writeFileSync(ASYNCAPI_PATH, renderAsyncApi());
  process.stderr.write(`wrote ${ASYNCAPI_PATH}\n`);
}
