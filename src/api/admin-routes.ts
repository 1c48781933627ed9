// The admin API under /_robotcall/ (docs/decisions.md D12). Health is open; the rest is behind the
// admin guard (admin/admin-guard.ts): the admin token, or, with no token configured, a server bound
// to loopback and a request a browser page of another site could not have made.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { createKey, setKeyActive } from '../admin/key-service.js';
import { registerAccountRoutes } from './admin/account-routes.js';
import type { Guard } from './admin/admin-guard.js';
import { parseJsonBody, type AdminDeps } from './admin/admin-deps.js';
import { sendAdminFailure } from './admin/admin-failure.js';
import { registerCarrierRoutes } from './admin/carrier-routes.js';
import { registerEngineRoutes } from './admin/engine-routes.js';
import { registerReceiptRoutes } from './admin/receipt-routes.js';
import { registerHealthRoutes } from './admin/health-routes.js';
import { registerTaskRoutes } from './admin/task-routes.js';

export type { AdminDeps } from './admin/admin-deps.js';

export interface AdminRouteDeps extends AdminDeps {
  /** The port the server listens on (known once it does). */
  port: () => number;
  publicUrl: string | null;
  maxBodyBytes: number;
  /** Shared with /metrics (server.ts). */
  guard: Guard;
}

export function registerAdminRoutes(app: FastifyInstance, deps: AdminRouteDeps): void {
  registerHealthRoutes(app, deps);
  app.register(async (admin) => {
    admin.addHook('onRequest', deps.guard);
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
    registerReceiptRoutes(admin, deps);
  });
}

async function setActive(deps: AdminDeps, id: string, active: boolean, reply: FastifyReply) {
  if (!(await setKeyActive(deps.store, id, active, deps.wallNow()))) return reply.code(404).send({ error: `no access key ${id}` });
  return { AccessKeyId: id, Active: active };
}
