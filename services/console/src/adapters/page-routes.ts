import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where the console's page is written: index.html, console.css and the TSX that tsconfig.web.json compiles. */
const WEB_DIR = join(__dirname, '..', '..', 'web');
/** Where the build writes the page's modules (the same from src/ under tsx as from dist/). */
const BUILT_WEB_DIR = join(__dirname, '..', '..', 'dist', 'web');

const HTML = 'text/html; charset=utf-8';
const SCRIPT = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** The ESM builds the page's import map names, each as one file of its package. */
const VENDOR: Readonly<Record<string, { from: string; file: string; type: string }>> = {
  'preact.js': { from: 'preact', file: 'dist/preact.module.js', type: SCRIPT },
  'preact-hooks.js': { from: 'preact', file: 'hooks/dist/hooks.module.js', type: SCRIPT },
  'preact-jsx-runtime.js': { from: 'preact', file: 'jsx-runtime/dist/jsxRuntime.module.js', type: SCRIPT },
  'uplot.js': { from: 'uplot', file: 'dist/uPlot.esm.js', type: SCRIPT },
  'uplot.css': { from: 'uplot', file: 'dist/uPlot.min.css', type: CSS },
};

interface File {
  type: string;
  body: Buffer;
  /** The body gzipped once at start-up: uPlot's ESM build alone is 145 KB as shipped, 40 KB gzipped. */
  gzipped: Buffer;
}

/**
 * The page at `/console/` (and `/` redirecting there): its own files and the libraries it imports, a fixed
 * list read once at start-up (the built modules, index.html, console.css, and from node_modules the files of
 * VENDOR), so no request can name a path outside it. Plain routes, not in the API document. The page holds
 * no data of its own: everything comes from the API with the operator's token.
 */
export function registerPageRoutes(http: FastifyInstance): void {
  const page = new Map<string, File>([
    ['index.html', read(join(WEB_DIR, 'index.html'), HTML)],
    ['console.css', read(join(WEB_DIR, 'console.css'), CSS)],
    ...readdirSync(BUILT_WEB_DIR)
      .filter((name) => name.endsWith('.js'))
      .map((name): [string, File] => [name, read(join(BUILT_WEB_DIR, name), SCRIPT)]),
  ]);
  const vendor = new Map(
    Object.entries(VENDOR).map(([name, { from, file, type }]) => [
      name,
      read(join(dirname(require.resolve(`${from}/package.json`)), file), type),
    ]),
  );
  http.get('/', async (_, reply) => reply.redirect('/console/'));
  http.get('/console/', async (request, reply) => send(request, reply, page.get('index.html')));
  http.get<{ Params: { file: string } }>('/console/:file', async (request, reply) =>
    send(request, reply, page.get(request.params.file)),
  );
  http.get<{ Params: { file: string } }>('/console/vendor/:file', async (request, reply) =>
    send(request, reply, vendor.get(request.params.file)),
  );
}

function read(path: string, type: string): File {
  const body = readFileSync(path);
  return { type, body, gzipped: gzipSync(body, { level: 9 }) };
}

function send(request: FastifyRequest, reply: FastifyReply, file: File | undefined) {
  if (!file) return reply.code(404).type('text/plain').send('not found');
  reply.type(file.type).header('cache-control', 'no-cache').header('vary', 'accept-encoding');
  if (!/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) return reply.send(file.body);
  return reply.header('content-encoding', 'gzip').send(file.gzipped);
}
