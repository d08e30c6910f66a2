import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Where the console's page lives in the package (plain ES modules: served as written, no build step). */
export const WEB_DIR = join(__dirname, '..', '..', 'web');

const FILES: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'api.js': 'text/javascript; charset=utf-8',
  'draws-view.js': 'text/javascript; charset=utf-8',
  'draw-view.js': 'text/javascript; charset=utf-8',
  'customer-view.js': 'text/javascript; charset=utf-8',
  'dead-letters-view.js': 'text/javascript; charset=utf-8',
  'confirm-dialog.js': 'text/javascript; charset=utf-8',
  'health-view.js': 'text/javascript; charset=utf-8',
  'sca-view.js': 'text/javascript; charset=utf-8',
  'dom.js': 'text/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
};

/**
 * The page at `/console/` (and `/` redirecting there): a fixed list of files read once at start-up, so no
 * request can name a path outside it. Plain routes, not in the API document. The page holds no data of its
 * own: everything comes from the API with the operator's token.
 */
export function registerPageRoutes(http: FastifyInstance): void {
  const contents = new Map(
    Object.entries(FILES).map(([name, type]) => [name, { type, body: readFileSync(join(WEB_DIR, name)) }]),
  );
  http.get('/', async (_, reply) => reply.redirect('/console/'));
  http.get('/console/', async (_, reply) => send(reply, contents.get('index.html')!));
  http.get<{ Params: { file: string } }>('/console/:file', async (request, reply) => {
    const file = contents.get(request.params.file);
    if (!file) return reply.code(404).type('text/plain').send('not found');
    return send(reply, file);
  });
}

function send(reply: FastifyReply, file: { type: string; body: Buffer }) {
  return reply.type(file.type).header('cache-control', 'no-cache').send(file.body);
}
