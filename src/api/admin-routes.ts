// The admin API under /_robotcall/ (docs/decisions.md D12). Health is open; the rest needs the admin token,
// or, with no token configured, a server bound to loopback (said at start-up) and a request a
// browser page of another site could not have made (request-origin.ts).
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createKey, setKeyActive } from '../admin/key-service.js';
import { registerAccountRoutes } from './admin/account-routes.js';
import { parseJsonBody, type AdminDeps } from './admin/admin-deps.js';
import { sendAdminFailure } from './admin/admin-failure.js';
import { registerCarrierRoutes } from './admin/carrier-routes.js';
import { registerEngineRoutes } from './admin/engine-routes.js';
import { foreignRequest, isJsonContentType } from './admin/request-origin.js';
import { registerTaskRoutes } from './admin/task-routes.js';
import { failureThrottle, type FailureThrottle } from './failure-throttle.js';

export type { AdminDeps } from './admin/admin-deps.js';

export interface AdminRouteDeps extends AdminDeps {
  /** The port the server listens on (known once it does). */
  port: () => number;
  publicUrl: string | null;
  maxBodyBytes: number;
}

export function registerAdminRoutes(app: FastifyInstance, deps: AdminRouteDeps): void {
  // Liveness (always 200 while the process serves) and readiness (503 while the engine's passes fail),
  // both open to all like a load balancer's probe (README "Admin API").
  const health = () => {
    const engine = deps.engine?.health() ?? null;
    const degraded = engine?.state === 'degraded';
    return { status: degraded ? 'degraded' : 'ok', store: deps.storeKind, version: deps.version, engine: engine ?? { state: 'off' } };
  };
  app.get('/_robotcall/health', async () => health());
  app.get('/_robotcall/ready', async (_request, reply) => {
    const view = health();
    return reply.code(view.status === 'ok' ? 200 : 503).send(view);
  });

  // Wrong tokens from one address: 20 a minute, then 429 until the minute is over (the console's
  // operator sign-in made guessing one a form away).
  const wrongTokens = failureThrottle(20);
  app.register(async (admin) => {
    admin.addHook('onRequest', async (request, reply) => guard(request, reply, deps, wrongTokens));
    admin.setErrorHandler(async (err: Error, request, reply) => sendAdminFailure(err, request, reply, deps.maxBodyBytes));
    admin.get('/_robotcall/keys', async () => ({
      keys: (await deps.store.listAccessKeys()).map((k) => ({
        AccessKeyId: k.id, AccountId: k.accountId, AccountName: k.accountName, Active: k.active, CreatedAt: new Date(k.createdAt).toISOString(),
      })),
    }));
    admin.post<{ Body: Buffer | undefined }>('/_robotcall/keys', async (request) => {
      return createKey(deps.store, parseJsonBody(request.body).account, deps.wallNow());
    });
    admin.post<{ Params: { id: string } }>('/_robotcall/keys/:id/disable', async (request, reply) => setActive(deps, request.params.id, false, reply));
    admin.post<{ Params: { id: string } }>('/_robotcall/keys/:id/enable', async (request, reply) => setActive(deps, request.params.id, true, reply));
    registerEngineRoutes(admin, deps);
    registerAccountRoutes(admin, deps);
    registerCarrierRoutes(admin, deps);
    registerTaskRoutes(admin, deps);
  });
}

async function setActive(deps: AdminDeps, id: string, active: boolean, reply: FastifyReply) {
  if (!(await setKeyActive(deps.store, id, active, deps.wallNow()))) return reply.code(404).send({ error: `no access key ${id}` });
  return { AccessKeyId: id, Active: active };
}

async function guard(request: FastifyRequest, reply: FastifyReply, deps: AdminRouteDeps, wrongTokens: FailureThrottle) {
  const tokenless = deps.adminToken === null;
  if (tokenless && !deps.loopbackOnly) {
    return reply.code(403).send({ error: 'the admin API is disabled: the server is not bound to loopback and has no --admin-token' });
  }
  // With a token, the token is the guard: a page can neither know it nor send it to another
  // origin without a CORS preflight, which robotcall never grants. So the Host is checked only
  // without one, where a reverse proxy's own names would otherwise be refused for no gain.
  const foreign = foreignRequest(request.headers, { port: deps.port(), publicUrl: deps.publicUrl }, tokenless);
  if (foreign) return reply.code(403).send({ error: foreign });
  if (!tokenless) {
    const now = deps.wallNow();
    const wait = wrongTokens.wait([request.ip], now);
    if (wait > 0) return reply.code(429).header('retry-after', String(Math.ceil(wait / 1000))).send({ error: `too many wrong admin tokens from this address: try again in ${Math.ceil(wait / 1000)} s` });
    const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    const a = Buffer.from(given);
    const b = Buffer.from(deps.adminToken!);
    if (a.length !== b.length || !timingSafeEqual(a, b)) {
      wrongTokens.failed([request.ip], now);
      return reply.code(401).send({ error: 'admin token required: Authorization: Bearer <token>' });
    }
  }
  if (request.method !== 'GET' && request.method !== 'HEAD' && !isJsonContentType(request.headers['content-type'])) {
    return reply.code(415).send({ error: 'changes must be sent with Content-Type: application/json (curl: -H \'content-type: application/json\')' });
  }
}
