import { request } from 'node:http';
import type { ApiTokens } from '@prizedraw/http-api';

/**
 * Opens one customer's SSE stream at an onsite gateway, as the customer's page does, with a customer token
 * from `tokens`; `onMessage` gets the arrival time and data of each event. Plain `http.request` rather than
 * fetch: a benchmark opens ten thousand of them in one process.
 */
export function openCustomerStream(
  gatewayUrl: string,
  tokens: ApiTokens,
  customer: string,
  onMessage: (at: number, data: string) => void,
): Promise<void> {
  const token = tokens.issue({ role: 'customer', subject: customer, ttlSeconds: 3600 });
  return new Promise((resolve, reject) => {
    const req = request(`${gatewayUrl}/v1/customers/${customer}/stream?access_token=${token}`, {
      headers: { accept: 'text/event-stream' },
    });
    req.on('response', (response) => {
      if (response.statusCode !== 200)
        return reject(new Error(`stream of ${customer}: ${response.statusCode}`));
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
          buffer = buffer.slice(end + 2);
          if (data !== undefined) onMessage(Date.now(), data);
        }
      });
      resolve();
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Opens the streams of `customers`, 500 at a time (the gateway's accept queue is not flooded); `onOpened`
 * gets the time each stream was answered, which is when the gateway has the customer's session.
 */
export async function openCustomerStreams(
  gatewayUrl: string,
  tokens: ApiTokens,
  customers: readonly string[],
  onMessage: (customer: string, at: number, data: string) => void,
  onOpened: (customer: string, at: number) => void = () => undefined,
): Promise<void> {
  for (let i = 0; i < customers.length; i += 500) {
    await Promise.all(
      customers.slice(i, i + 500).map(async (customer) => {
        await openCustomerStream(gatewayUrl, tokens, customer, (at, data) => onMessage(customer, at, data));
        onOpened(customer, Date.now());
      }),
    );
  }
}
