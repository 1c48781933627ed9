// Admin: an account's receipt receiver and its outbox (docs/decisions.md D16, README "Call receipts").
import type { FastifyInstance } from 'fastify';
import { AdminError } from '../../admin/admin-error.js';
import { resolveAccount } from '../../admin/robot-service.js';
import { newSecret, normalPushUrl, pushUrlProblem, secretProblem } from '../../receipts/push-target.js';
import type { ReceiptTarget } from '../../store/receipt-store.js';
import { parseJsonBody, type AdminDeps } from './admin-deps.js';

type AccountParams = { Params: { account: string }; Body: Buffer | undefined; Querystring: { limit?: string } };

const FIELDS = new Set(['url', 'taskStatusUrl', 'secret']);

export function registerReceiptRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const receipts = deps.receipts;
  const view = async (accountId: number, target: ReceiptTarget | null) => ({
    accountId,
    url: target?.url ?? null,
    taskStatusUrl: target?.taskStatusUrl ?? null,
    updatedAt: target ? new Date(target.updatedAt).toISOString() : null,
    ...(await receipts.summary(accountId)),
  });

  app.get<AccountParams>('/_robotcall/accounts/:account/receipts', async (request) => {
    const account = await resolveAccount(deps.store, request.params.account);
    return view(account.id, await receipts.findTarget(account.id));
  });

  // {"url", "taskStatusUrl"?, "secret"?}: sets the receiver. The answer is the only place the secret
  // is shown: a new one when none was given and none was set, else the one in force.
  app.put<AccountParams>('/_robotcall/accounts/:account/receipts', async (request) => {
    const account = await resolveAccount(deps.store, request.params.account);
    const body = parseJsonBody(request.body);
    const unknown = Object.keys(body).find((k) => !FIELDS.has(k));
    if (unknown !== undefined) throw new AdminError(400, `unknown field ${JSON.stringify(unknown.slice(0, 64))}: give url, taskStatusUrl, secret`);
    const urlProblem = pushUrlProblem(body.url);
    if (urlProblem) throw new AdminError(400, `url ${urlProblem}`);
    const taskStatusUrl = body.taskStatusUrl ?? null;
    const statusProblem = taskStatusUrl === null ? null : pushUrlProblem(taskStatusUrl);
    if (statusProblem) throw new AdminError(400, `taskStatusUrl ${statusProblem} (or null: no task-status messages)`);
    if (body.secret !== undefined && secretProblem(body.secret)) throw new AdminError(400, `secret ${secretProblem(body.secret)}`);
    const before = await receipts.findTarget(account.id);
    const target: ReceiptTarget = {
      accountId: account.id, url: normalPushUrl(body.url as string), taskStatusUrl: taskStatusUrl === null ? null : normalPushUrl(taskStatusUrl as string),
      secret: (body.secret as string | undefined) ?? before?.secret ?? newSecret(), updatedAt: deps.wallNow(),
    };
    await receipts.saveTarget(target);
    return { ...(await view(account.id, target)), secret: target.secret };
  });

  app.delete<AccountParams>('/_robotcall/accounts/:account/receipts', async (request, reply) => {
    const account = await resolveAccount(deps.store, request.params.account);
    if (!(await receipts.clearTarget(account.id))) return reply.code(404).send({ error: `account ${account.id} has no receipt receiver` });
    return { accountId: account.id, cleared: true };
  });

  app.get<AccountParams>('/_robotcall/accounts/:account/receipts/failed', async (request) => {
    const account = await resolveAccount(deps.store, request.params.account);
    const limit = request.query.limit === undefined ? 100 : /^\d{1,4}$/.test(request.query.limit) ? Number(request.query.limit) : NaN;
    if (!(limit >= 1 && limit <= 1000)) throw new AdminError(400, 'limit must be an integer from 1 to 1000');
    const failed = await receipts.listFailed(account.id, limit);
    return { accountId: account.id, batches: failed.map((b) => ({ ...b, messageId: String(b.id), createdAt: new Date(b.createdAt).toISOString() })) };
  });

  app.post<AccountParams>('/_robotcall/accounts/:account/receipts/retry', async (request) => {
    const account = await resolveAccount(deps.store, request.params.account);
    const retried = await receipts.retryFailed(account.id, deps.wallNow());
    deps.wakeReceipts();
    return { accountId: account.id, retried };
  });
}
