import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

// Runs schemathesis (PyPI, pinned in test/outside-clients/requirements.txt, installed by
// scripts/outside-clients.sh) against a running service's /openapi.json: it generates requests from the
// document, valid and invalid, sends them, and checks every answer against the document.

const SCHEMATHESIS = join(
  process.env.PRIZEDRAW_CACHE ?? join(homedir(), '.cache/prizedraw'),
  'outside-clients/bin/schemathesis',
);

/** What to run schemathesis with. */
export interface SchemathesisOptions {
  /** An `Authorization` header value sent with every request, e.g. `Bearer <token>`. */
  authorization?: string;
  /** Test cases per operation and phase (schemathesis' --max-examples). Default 100. */
  maxExamples?: number;
  /** The checks to run (schemathesis' --checks). Default: all of them. */
  checks?: readonly string[];
  /** More arguments, e.g. `['--include-tag', 'operator']` to test some operations only. */
  extraArgs?: readonly string[];
  /** How long the whole run may take, ms. Default 90 s. */
  timeoutMs?: number;
}

/** One kind of failure schemathesis found, as its JSON report gives it. */
export interface SchemathesisFailure {
  code: string;
  type: string;
  title: string;
  count: number;
  operations: string[];
}

/** The outcome of a run: what was tested, what failed, and the console output to read when it did. */
export interface SchemathesisRun {
  exitCode: number;
  /** Operations selected and tested. */
  operations: { selected: number; tested: number };
  testCases: { generated: number; with_failures: number; errored: number };
  failures: SchemathesisFailure[];
  errors: unknown[];
  /** Failure types by their report name: server errors are `ServerError`, schema violations `JsonSchemaError`. */
  failureTypes: string[];
  output: string;
}

/**
 * Runs `schemathesis run <serviceUrl>/openapi.json` with every check (no 5xx, every status, media type,
 * header and body as documented, invalid requests refused, valid ones accepted, 405 for methods not
 * documented, auth not ignored) and resolves with its JSON report. `.hypothesis/` and the report go to a
 * temporary folder, removed afterwards.
 *
 * ```ts
 * const run = await runSchemathesis(service.url, { authorization: `Bearer ${token}` });
 * expect({ failures: run.failures, errors: run.errors, output: run.output }).toEqual({ failures: [], errors: [], output: expect.any(String) });
 * ```
 */
export async function runSchemathesis(
  serviceUrl: string,
  options: SchemathesisOptions = {},
): Promise<SchemathesisRun> {
  const dir = await mkdtemp(join(tmpdir(), 'schemathesis-'));
  const report = join(dir, 'report.json');
  const args = [
    'run',
    `${serviceUrl}/openapi.json`,
    '--checks',
    (options.checks ?? ['all']).join(','),
    '--max-examples',
    String(options.maxExamples ?? 100),
    '--report',
    'json',
    '--report-json-path',
    report,
    '--no-color',
    ...(options.authorization === undefined ? [] : ['--header', `Authorization: ${options.authorization}`]),
    ...(options.extraArgs ?? []),
  ];
  try {
    const { exitCode, output } = await run(args, dir, options.timeoutMs ?? 90_000);
    const parsed = JSON.parse(await readFile(report, 'utf8')) as {
      operations: { selected: number; tested: number };
      test_cases: SchemathesisRun['testCases'];
      failures: SchemathesisFailure[];
      errors: unknown[];
    };
    return {
      exitCode,
      operations: parsed.operations,
      testCases: parsed.test_cases,
      failures: parsed.failures,
      errors: parsed.errors,
      failureTypes: parsed.failures.map((failure) => failure.type),
      output,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs schemathesis in `cwd`; resolves with its exit code and output (it exits 1 when it found failures). */
function run(args: string[], cwd: string, timeout: number): Promise<{ exitCode: number; output: string }> {
  return new Promise((resolve, reject) => {
    execFile(SCHEMATHESIS, args, { cwd, timeout, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const exitCode = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      if (exitCode < 0)
        reject(new Error(`schemathesis did not finish: ${error?.message}\n${stdout}${stderr}`));
      else resolve({ exitCode, output: `${stdout}${stderr}` });
    });
  });
}
