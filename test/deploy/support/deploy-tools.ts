import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';

// The checking tools of deploy/ (kustomize, kubernetes-validate, promtool), installed and cached by
// deploy/tools.sh, which scripts/bootstrap.sh runs too: a second run only checks, in milliseconds.

export const REPO = join(__dirname, '../../..');

let bin: string | undefined;

/** The folder of the tools' commands, installing them first if they are missing. */
export function toolsBin(): string {
  bin ??= execFileSync('bash', [join(REPO, 'deploy/tools.sh')], { encoding: 'utf8' }).trim();
  return bin;
}

/** The outcome of one tool run: exit code and output, never a throw for a non-zero exit. */
export interface ToolRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a deploy tool by name with `args`. */
export async function runTool(tool: string, args: readonly string[]): Promise<ToolRun> {
  return promisify(execFile)(join(toolsBin(), tool), args, { maxBuffer: 64 << 20 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: ToolRun) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

/** A Kubernetes object as rendered, read loosely: tests pick the fields they check. */
export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  // biome-ignore lint/suspicious/noExplicitAny: rendered manifests are checked field by field, not typed whole
  [field: string]: any;
};

/** `kustomize build <dir>` (relative to the repository): the YAML text and its objects. */
export async function kustomizeBuild(dir: string): Promise<{ yaml: string; objects: K8sObject[] }> {
  const run = await runTool('kustomize', ['build', join(REPO, dir)]);
  if (run.code !== 0) throw new Error(`kustomize build ${dir} failed: ${run.stderr}`);
  return { yaml: run.stdout, objects: parseAllDocuments(run.stdout).map((doc) => doc.toJS() as K8sObject) };
}
