// Admin: an account's balance (docs/decisions.md D7), robots (D12) and caller numbers.
import type { FastifyInstance } from 'fastify';
import { AdminError } from '../../admin/admin-error.js';
import { addCallerNumber, removeCallerNumber } from '../../admin/caller-service.js';
import { putRobot, resolveAccount, robotView } from '../../admin/robot-service.js';
import { BalanceRangeError, MAX_BALANCE_FEN } from '../../domain/billing.js';
import { parseJsonBody, type AdminDeps } from './admin-deps.js';

type AccountParams = { Params: { account: string }; Body: Buffer | undefined };

const isFen = (v: unknown, min: number): v is number => Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= MAX_BALANCE_FEN;

export function registerAccountRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const balanceView = (a: { id: number; balanceFen: number | null }) => ({ accountId: a.id, balanceFen: a.balanceFen });
  const changeBalance = async (accountId: number, fen: number | null, add: boolean) => {
    try {
      const changed = await deps.store.changeBalance(accountId, fen, add);
      deps.engine?.wake();
      return balanceView(changed!);
    } catch (err) {
      if (err instanceof BalanceRangeError) throw new AdminError(400, err.message);
      throw err;
    }
  };

  app.get('/_robotcall/accounts', async () => ({
    accounts: (await deps.store.listAccounts()).map((a) => ({ id: a.id, name: a.name, balanceFen: a.balanceFen, createdAt: new Date(a.createdAt).toISOString() })),
  }));

  app.get<AccountParams>('/_robotcall/accounts/:account/balance', async (request) =>
    balanceView(await resolveAccount(deps.store, request.params.account)));

  // {"topUpFen": n} adds n fen (an unlimited balance becomes n); the balance stays within MAX_BALANCE_FEN.
  app.post<AccountParams>('/_robotcall/accounts/:account/balance', async (request) => {
    const account = await resolveAccount(deps.store, request.params.account);
    const { topUpFen } = parseJsonBody(request.body);
    if (!isFen(topUpFen, 1)) throw new AdminError(400, `topUpFen must be an integer from 1 to ${MAX_BALANCE_FEN} (fen)`);
    if ((account.balanceFen ?? 0) + topUpFen > MAX_BALANCE_FEN) {
      throw new AdminError(400, `the top-up would take the balance (${account.balanceFen ?? 'unlimited'}) past ${MAX_BALANCE_FEN} fen`);
    }
    return changeBalance(account.id, topUpFen, true);
  });

  // {"balanceFen": n | null} sets it exactly; null = unlimited.
  app.put<AccountParams>('/_robotcall/accounts/:account/balance', async (request) => {
    const account = await resolveAccount(deps.store, request.params.account);
    const body = parseJsonBody(request.body);
    if (!Object.hasOwn(body, 'balanceFen') || (body.balanceFen !== null && !isFen(body.balanceFen, -MAX_BALANCE_FEN))) {
      throw new AdminError(400, `balanceFen must be an integer from -${MAX_BALANCE_FEN} to ${MAX_BALANCE_FEN} (fen), or null (unlimited)`);
    }
    return changeBalance(account.id, body.balanceFen, false);
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

  // {"name", "auditStatus"?, "dialog"?}: a new robot with the next free id (201).
  app.post<AccountParams>('/_robotcall/accounts/:account/robots', async (request, reply) => {
    const account = await resolveAccount(deps.store, request.params.account);
    const saved = await putRobot(deps.store, account, null, parseJsonBody(request.body), deps.wallNow());
    return reply.code(201).send(robotView(saved.robot));
  });

  registerCallerRoutes(app, deps);
}

/** The numbers the account may show as Caller (docs/api/CreateRobotTask.md) beyond the demo ones. */
function registerCallerRoutes(app: FastifyInstance, deps: AdminDeps): void {
  type CallerRoute = { Params: { account: string; number: string } };
  const callersOf = async (account: { id: number }) => ({ accountId: account.id, callers: await deps.store.listCallerNumbers(account.id) });

  app.get<AccountParams>('/_robotcall/accounts/:account/callers', async (request) =>
    callersOf(await resolveAccount(deps.store, request.params.account)));

  app.put<CallerRoute>('/_robotcall/accounts/:account/callers/:number', async (request, reply) => {
    const account = await resolveAccount(deps.store, request.params.account);
    const added = await addCallerNumber(deps.store, account, request.params.number);
    return reply.code(added ? 201 : 200).send(await callersOf(account));
  });

  app.delete<CallerRoute>('/_robotcall/accounts/:account/callers/:number', async (request) => {
    const account = await resolveAccount(deps.store, request.params.account);
    await removeCallerNumber(deps.store, account, request.params.number);
    return callersOf(account);
  });
}
