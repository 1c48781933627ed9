// The web console under /console (docs/console.md): its built page, and its JSON API for a signed-in
// account. The operator's view uses the admin API (/_robotcall/) directly.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { KeyResolver } from '../api/authenticate.js';
import type { NonceCache } from '../api/nonce-cache.js';
import { listRobots } from '../app/task-queries.js';
import { effectiveDialog } from '../dialog/demo-dialogs.js';
import { formatTime } from '../domain/zoned-time.js';
import { CONSOLE_HEADERS, registerConsoleAssets } from './console-assets.js';
import { contextOf, sessionOf, type ConsoleDeps } from './console-deps.js';
import { ConsoleError, sendConsoleError, toConsoleError } from './console-error.js';
import { jsonBody } from './console-params.js';
import { consoleSessions, SESSION_COOKIE, type Session } from './console-session.js';
import { failureThrottle } from '../api/failure-throttle.js';
import { registerTaskRoutes } from './task-routes.js';
import { registerUploadRoutes } from './upload-routes.js';

export interface ConsoleRouteDeps extends ConsoleDeps {
  keys: KeyResolver;
  nonces: NonceCache;
  wallNow: () => number;
  /** Where the built page is (tests point elsewhere); default dist/public/console/. */
  buildDir?: string;
}

export function registerConsole(app: FastifyInstance, deps: ConsoleRouteDeps): void {
  registerConsoleAssets(app, deps.buildDir);
  // Five wrong secrets a minute for one key; twenty failures a minute from one address (an office
  // behind one NAT shares it).
  const sessions = consoleSessions({ store: deps.store, keys: deps.keys, nonces: deps.nonces, throttle: { byKey: failureThrottle(5), byAddress: failureThrottle(20) }, wallNow: deps.wallNow });

  app.register(async (api) => {
    api.addHook('onRequest', async (request, reply) => {
      reply.headers({ ...CONSOLE_HEADERS, 'cache-control': 'no-store' });
      // A page of another site can post a form here, but cannot add a header without a CORS
      // preflight, which robotcall never grants.
      if (request.method !== 'GET' && request.headers['x-robotcall-console'] !== '1') {
        throw new ConsoleError(403, 'Forbidden', 'Changes must carry the header x-robotcall-console: 1.');
      }
      if (request.url.split('?')[0] === '/console/api/session' && request.method === 'POST') return;
      const session = await sessions.verify(cookieOf(request));
      if (!session) throw new ConsoleError(401, 'SignInRequired', 'Sign in first.');
      (request as FastifyRequest & { session: Session }).session = session;
    });
    api.setErrorHandler(async (err, _request, reply) => sendConsoleError(reply, toConsoleError(err, deps.log)));
    api.setNotFoundHandler(async (request, reply) => sendConsoleError(reply, new ConsoleError(404, 'NotFound', `No console route ${request.method} ${request.url.split('?')[0]}.`)));

    const sessionView = (s: Session) => ({ accessKeyId: s.accessKeyId, account: { id: s.account.id, name: s.account.name }, expiresAt: s.expiresAt });
    api.post('/session', async (request, reply) => {
      const body = jsonBody(request.body);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ConsoleError(400, 'InvalidParameter', 'The body must be a JSON object.');
      const { cookie, session } = await sessions.signIn(body as Record<string, unknown>, request.ip);
      // No Max-Age: the browser forgets it when it closes; the server refuses it after 12 hours anyway.
      reply.header('set-cookie', `${SESSION_COOKIE}=${cookie}; Path=/console; HttpOnly; SameSite=Strict${request.protocol === 'https' ? '; Secure' : ''}`);
      return sessionView(session);
    });
    api.get('/session', async (request) => sessionView(sessionOf(request)));
    api.delete('/session', async (request, reply) => {
      await sessions.signOut(sessionOf(request));
      reply.header('set-cookie', `${SESSION_COOKIE}=; Path=/console; HttpOnly; SameSite=Strict; Max-Age=0`);
      return { signedOut: true };
    });

    api.get('/overview', async (request) => {
      const ctx = contextOf(deps, request, 'overview');
      const account = await deps.store.findAccount(ctx.account.id);
      const now = ctx.now();
      return { account: { id: ctx.account.id, name: ctx.account.name, balanceFen: account?.balanceFen ?? null }, timezone: deps.timezone, now, time: formatTime(now, deps.timezone) };
    });
    api.get('/robots', async (request) => ({
      robots: (await listRobots(contextOf(deps, request, 'QueryRobotInfoList'))).map((r) => ({
        id: r.id, name: r.name, robotType: r.robotType, auditStatus: r.auditStatus, dialog: effectiveDialog(r.dialog, r.seedIndex),
      })),
    }));
    api.get('/callers', async (request) => ({ callers: await deps.store.listCallerNumbers(sessionOf(request).account.id) }));

    registerTaskRoutes(api, deps);
    registerUploadRoutes(api, deps);
  }, { prefix: '/console/api' });
}

function cookieOf(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}
