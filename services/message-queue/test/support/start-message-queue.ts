import { parseConfig, type RunningServices, runServices } from '@prizedraw/service';
import { messageQueueConfigSchema, messageQueueService } from '../../src';

/** A message queue running in this process on a free port with `env` (from the fixture). */
export function startMessageQueue(env: Record<string, string>): Promise<RunningServices> {
  const config = parseConfig(messageQueueConfigSchema, { ...process.env, HTTP_PORT: '0', ...env });
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
