import { randomBytes } from 'node:crypto';

/** What notifications did with the demo's events, from its metrics: delivered, queued and dropped, by reason. */
export interface NotificationsFigures {
  readonly delivered: number;
  readonly queued: number;
  /** `[outcome: reason, count]`, e.g. `['queued: offline', 1999]`. */
  readonly byReason: readonly (readonly [string, number])[];
}

/**
 * The settings decisions, notifications and the onsite gateway need in the demo's process: they call each
 * other on the process's own port, with a token secret of this run unless one is set.
 */
export function notificationsSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const self = `http://127.0.0.1:${env.HTTP_PORT ?? '8080'}`;
  const hasSecret = env.API_TOKEN_SECRET !== undefined || env.API_TOKEN_SECRET_FILE !== undefined;
  return {
    DECISIONS_URL: self,
    ONSITE_GATEWAY_URL: self,
    ...(hasSecret ? {} : { API_TOKEN_SECRET: randomBytes(48).toString('base64') }),
    ...env,
  };
}

async function metricsText(url: string): Promise<string> {
  return (await fetch(`${url}/metrics`)).text();
}

/**
 * Waits until notifications has consumed `inputRecords` records (its source topics' committed records: every
 * result, count, unqualification and instant-win event of the run), then reads what became of them.
 */
export async function notificationsFigures(
  url: string,
  brand: string,
  inputRecords: number,
): Promise<NotificationsFigures> {
  const consumed = new RegExp(
    `^prizedraw_stream_records_consumed_total\\{application="prizedraw-${brand}-notifications"[^}]*\\} (\\d+)$`,
    'gm',
  );
  const sum = (text: string) => [...text.matchAll(consumed)].reduce((total, m) => total + Number(m[1]), 0);
  while (sum(await metricsText(url)) < inputRecords) await new Promise((resolve) => setTimeout(resolve, 250));
  const text = await metricsText(url);
  const byReason = [
    ...text.matchAll(
      /^prizedraw_notifications_messages_total\{outcome="([a-z]+)",reason="([a-z-]+)"\} (\d+)$/gm,
    ),
  ].map(([, outcome, reason, count]) => [`${outcome}: ${reason}`, Number(count)] as const);
  const total = (outcome: string) =>
    byReason.filter(([label]) => label.startsWith(`${outcome}:`)).reduce((all, [, count]) => all + count, 0);
  return { delivered: total('delivered'), queued: total('queued'), byReason };
}
