// Admin: an account's balance (DECISIONS D7) and robots (D12).
import type { FastifyInstance } from 'fastify';
import { AdminError } from '../../admin/admin-error.js';
import { putRobot, resolveAccount, robotView } from '../../admin/robot-service.js';
import { parseJsonBody, type AdminDeps } from './admin-deps.js';

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
      const saved = await putRobot(deps.store, account, request.params.robotId, parseJsonBody(request.body), deps.wallNow());
      return reply.code(saved.created ? 201 : 200).send(robotView(saved.robot));
    });
}
