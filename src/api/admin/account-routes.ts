// Admin: an account's balance (DECISIONS D7) and robots (D12).
import type { FastifyInstance } from 'fastify';
import { DialogError, validateDialog } from '../../dialog/dialog-format.js';
import { AUDIT_STATUSES, type AuditStatus, type Robot } from '../../domain/types.js';
import { AdminError, parseJsonBody, resolveAccount, type AdminDeps } from './admin-deps.js';

type AccountParams = { Params: { account: string }; Body: Buffer | undefined };

export function registerAccountRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const balanceView = (a: { id: number; balanceFen: number | null }) => ({ accountId: a.id, balanceFen: a.balanceFen });

  app.get<AccountParams>('/_robotcall/accounts/:account/balance', async (request) =>
    balanceView(await resolveAccount(deps.store, request.params.account)));

  // {"topUpFen": n} adds n fen (an unlimited balance becomes n).
  app.post<AccountParams>('/_robotcall/accounts/:account/balance', async (request) => {
    const account = await resolveAccount(deps.store, request.params.account);
    const { topUpFen } = parseJsonBody(request.body);
    if (!Number.isSafeInteger(topUpFen) || (topUpFen as number) <= 0) throw new AdminError(400, 'topUpFen must be a positive integer (fen)');
    const changed = await deps.store.changeBalance(account.id, topUpFen as number, true);
    deps.engine?.wake();
    return balanceView(changed!);
  });

  // {"balanceFen": n | null} sets it exactly; null = unlimited.
  app.put<AccountParams>('/_robotcall/accounts/:account/balance', async (request) => {
    const account = await resolveAccount(deps.store, request.params.account);
    const body = parseJsonBody(request.body);
    if (!('balanceFen' in body) || (body.balanceFen !== null && !Number.isSafeInteger(body.balanceFen))) {
      throw new AdminError(400, 'balanceFen must be an integer (fen) or null (unlimited)');
    }
    const changed = await deps.store.changeBalance(account.id, body.balanceFen as number | null, false);
    deps.engine?.wake();
    return balanceView(changed!);
  });

  app.get<AccountParams>('/_robotcall/accounts/:account/robots', async (request) => {
    const account = await resolveAccount(deps.store, request.params.account);
    return { robots: (await deps.store.listRobots(account.id)).map(robotView) };
  });

  // {"name", "auditStatus", "dialog"}: creates robot :robotId for the account or replaces it.
  app.put<{ Params: { account: string; robotId: string }; Body: Buffer | undefined }>(
    '/_robotcall/accounts/:account/robots/:robotId', async (request, reply) => {
      const account = await resolveAccount(deps.store, request.params.account);
      const robotId = Number(request.params.robotId);
      if (!/^\d{13}$/.test(request.params.robotId)) throw new AdminError(400, 'robotId must be 13 digits, like 1000000075003');
      const body = parseJsonBody(request.body);
      const current = await deps.store.findRobot(account.id, robotId);
      const name = body.name ?? current?.name;
      if (typeof name !== 'string' || name.length === 0 || [...name].length > 50) throw new AdminError(400, 'name must be a text of 1 to 50 characters');
      const auditStatus = body.auditStatus ?? current?.auditStatus ?? 'AUDITPASS';
      if (!AUDIT_STATUSES.includes(auditStatus as AuditStatus)) throw new AdminError(400, `auditStatus must be one of ${AUDIT_STATUSES.join(', ')}`);
      let dialog: unknown = current?.dialog ?? null;
      if ('dialog' in body) {
        try {
          dialog = body.dialog === null ? null : validateDialog(body.dialog);
        } catch (err) {
          if (err instanceof DialogError) throw new AdminError(400, err.message);
          throw err;
        }
      }
      const saved = await deps.store.saveRobot(account.id, robotId, { name, auditStatus: auditStatus as AuditStatus, dialog }, deps.wallNow());
      if (!saved) throw new AdminError(409, `robot id ${robotId} belongs to another account`);
      return reply.code(saved.created ? 201 : 200).send(robotView(saved.robot));
    });
}

function robotView(r: Robot) {
  return { robotId: r.id, name: r.name, auditStatus: r.auditStatus, dialog: r.dialog, seeded: r.seedIndex !== null };
}
