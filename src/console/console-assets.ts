// The console's built files (npm run build:console → dist/public/console/), served from memory under
// a Content-Security-Policy that lets the page run only its own script and style (docs/console.md).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Both src/console/ (tests, tsx) and dist/console/ (npm start) sit two levels below the package. */
export const CONSOLE_BUILD_DIR = fileURLToPath(new URL('../../dist/public/console/', import.meta.url));

export const CONSOLE_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "media-src 'self'",
  "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

/** Headers every console response carries, the API's JSON included. */
export const CONSOLE_HEADERS = {
  'content-security-policy': CONSOLE_CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin', 'x-frame-options': 'DENY',
};

const FILES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8', 'assets/app.js': 'text/javascript; charset=utf-8', 'assets/app.css': 'text/css; charset=utf-8',
};

interface Asset { body: Buffer; type: string; etag: string }

export function registerConsoleAssets(app: FastifyInstance, dir = CONSOLE_BUILD_DIR): void {
  // Read once: the files change only with a new build, which comes with a restart.
  const assets = new Map<string, Asset>();
  for (const [file, type] of Object.entries(FILES)) {
    if (!existsSync(dir + file)) continue;
    const body = readFileSync(dir + file);
    assets.set(file, { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` });
  }
  const send = (reply: FastifyReply, file: string, ifNoneMatch: string | undefined) => {
    const asset = assets.get(file);
    if (!asset) {
      return reply.code(503).headers(CONSOLE_HEADERS).type('text/plain; charset=utf-8')
        .send('The console is not built: run `npm run build` (npm ci does it), then restart robotcall.\n');
    }
    // Revalidated on every load (no-cache), answered 304 while unchanged: a new build is seen at once.
    reply.headers({ ...CONSOLE_HEADERS, etag: asset.etag, 'cache-control': 'no-cache' });
    if (ifNoneMatch === asset.etag) return reply.code(304).send();
    return reply.type(asset.type).send(asset.body);
  };
  app.get('/console', async (request, reply) => send(reply, 'index.html', request.headers['if-none-match']));
  app.get('/console/', async (request, reply) => send(reply, 'index.html', request.headers['if-none-match']));
  app.get<{ Params: { file: string } }>('/console/assets/:file', async (request, reply) => {
    const file = `assets/${request.params.file}`;
    if (!Object.hasOwn(FILES, file)) return reply.code(404).headers(CONSOLE_HEADERS).type('text/plain; charset=utf-8').send('Not found.\n');
    return send(reply, file, request.headers['if-none-match']);
  });
}
