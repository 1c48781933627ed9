// The admin API under /_robotcall/ (DECISIONS D12). Health is open; the rest needs the admin token,
// or, with no token configured, a server bound to loopback (said at start-up).
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createKey } from '../admin/key-service.js';
import { registerAccountRoutes } from './admin/account-routes.js';
import { AdminError } from '../admin/admin-error.js';
import { parseJsonBody, sendAdminError, type AdminDeps } from './admin/admin-deps.js';
import { registerCarrierRoutes } from './admin/carrier-routes.js';
import { registerEngineRoutes } from './admin/engine-routes.js';
import { registerTaskRoutes } from './admin/task-routes.js';

export type { AdminDeps } from './admin/admin-deps.js';

export function registerAdminRoutes(app: FastifyInstance, deps: AdminDeps): void {
  app.get('/_robotcall/health', async () => ({ status: 'ok', store: deps.storeKind, version: deps.version }));

  app.register(async (admin) => {
    admin.addHook('onRequest', async (request, reply) => guard(request, reply, deps));
    // Admin failures answer {"error": ...}; anything else goes on to the server's error boundary.
    admin.setErrorHandler(async (err, _request, reply) => {
      if (err instanceof AdminError) return sendAdminError(reply, err);
      throw err;
    });
    admin.get('/_robotcall/keys', async () => ({
      keys: (await deps.store.listAccessKeys()).map((k) => ({
        AccessKeyId: k.id, AccountId: k.accountId, AccountName: k.accountName, Active: k.active, CreatedAt: new Date(k.createdAt).toISOString(),
      })),
    }));
    admin.post<{ Body: Buffer | undefined }>('/_robotcall/keys', async (request) => {
      const body = parseJsonBody(request.body);
      const account = typeof body.account === 'string' && body.account ? body.account : undefined;
      return createKey(deps.store, account, deps.wallNow());
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
  if (!(await deps.store.setAccessKeyActive(id, active))) return reply.code(404).send({ error: `no access key ${id}` });
  return { AccessKeyId: id, Active: active };
}

async function guard(request: FastifyRequest, reply: FastifyReply, deps: AdminDeps) {
  if (deps.adminToken === null) {
    if (deps.loopbackOnly) return;
    return reply.code(403).send({ error: 'the admin API is disabled: the server is not bound to loopback and has no --admin-token' });
  }
  const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(deps.adminToken);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return reply.code(401).send({ error: 'admin token required: Authorization: Bearer <token>' });
}
