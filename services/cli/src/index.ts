/**
 * @prizedraw/cli — the `prizedraw` command: start services, define, trigger and inspect draws, run the demo.
 *
 * ```sh
 * prizedraw start all
 * prizedraw draws define draws/xmas.yaml && prizedraw draws trigger xmas-2026
 * ```
 */
export { readDrawFile } from './commands/draws-define';
export { FUSED_PIPELINE, SERVICES, servicesNamed, start } from './commands/start';
