import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig, type RunningServices, runServices } from '@prizedraw/service';
import { messageQueueConfigSchema, messageQueueService } from '../../src';

/**
 * A message queue running in this process on a free port with `env` (from the fixture) and, unless `env`
 * names one, a state folder of its own (its redemptions application keeps a store there).
 */
export function startMessageQueue(env: Record<string, string>): Promise<RunningServices> {
  const config = parseConfig(messageQueueConfigSchema, {
    ...process.env,
    HTTP_PORT: '0',
    STATE_DIR: mkdtempSync(join(tmpdir(), 'prizedraw-msq-state-')),
    ...env,
  });
  return runServices([messageQueueService(config)], config);
}

/** The value of the counter `name` with `labels` in a Prometheus text exposition. */
export async function counterValue(url: string, name: string, labels = ''): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text
    .split('\n')
    .find((entry) => entry.startsWith(`${name}${labels === '' ? '' : `{${labels}}`} `));
  return line === undefined ? 0 : Number(line.split(' ')[1]);
}
