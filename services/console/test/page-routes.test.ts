import { get as httpGet } from 'node:http';
import { gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { registerPageRoutes } from '../src/adapters/page-routes';

// The page's files as the service serves them (built by `pnpm run build`): the page's modules and, by the
// import map, the libraries' ESM builds from node_modules; nothing else.

const http = Fastify();
let base: string;
beforeAll(async () => {
  registerPageRoutes(http);
  base = await http.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => http.close());

/** An answer as sent (not decoded, as fetch would), gzip accepted or not. */
const get = (url: string, gzip = false) =>
  new Promise<{ statusCode: number; headers: Record<string, unknown>; rawPayload: Buffer; body: string }>(
    (resolve, reject) =>
      httpGet(
        `${base}${url}`,
        { headers: gzip ? { 'accept-encoding': 'gzip, deflate, br' } : {} },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const rawPayload = Buffer.concat(chunks);
            resolve({
              statusCode: response.statusCode ?? 0,
              headers: response.headers,
              rawPayload,
              body: rawPayload.toString(),
            });
          });
        },
      ).on('error', reject),
  );

describe('the page routes', () => {
  it('when the page and every library its import map names are asked for, then each is served with its type', async () => {
    const index = await get('/console/');
    expect(index.statusCode).toBe(200);
    const imports = JSON.parse(
      /<script type="importmap">([\s\S]*?)<\/script>/.exec(index.body)?.[1] ?? '{}',
    ).imports;
    expect(Object.keys(imports)).toEqual(['preact', 'preact/hooks', 'preact/jsx-runtime', 'uplot']);
    for (const url of [...Object.values<string>(imports), '/console/app.js']) {
      const answer = await get(url);
      expect([url, answer.statusCode, answer.headers['content-type']]).toEqual([
        url,
        200,
        'text/javascript; charset=utf-8',
      ]);
    }
    expect((await get('/console/vendor/uplot.css')).headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('when the browser accepts gzip, then a file comes gzipped, the same once decoded', async () => {
    const plain = await get('/console/vendor/uplot.js');
    const gzipped = await get('/console/vendor/uplot.js', true);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(gunzipSync(gzipped.rawPayload).equals(plain.rawPayload)).toBe(true);
  });

  it('when a name outside the list or a path is asked for, then the answer is 404', async () => {
    for (const url of [
      '/console/page-routes.js',
      '/console/..%2Fpackage.json',
      '/console/vendor/preact.d.ts',
    ]) {
      expect([url, (await get(url)).statusCode]).toEqual([url, 404]);
    }
  });
});
