// One access line for every HTTP request outside the RPC endpoint (README "Logs"): the admin API, the
// console's page and API, files and recordings, /metrics and paths nothing serves, each with its
// route, status and time, and no secret in any line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { client, data } from '../support/clients.js';
import { ConsoleClient } from '../support/console-client.js';
import { jsonLines, serve, waitFor, type Line } from '../support/logged-server.js';
import { TEST_KEY } from '../support/test-server.js';
import { formatTime } from '../../src/domain/zoned-time.js';

async function scheduledTask(port: number): Promise<number> {
  const call = client('openapi-v3', { port, ...TEST_KEY });
  const created = await call('CreateRobotTask', { TaskName: 'logged', DialogId: 1000000075003, Caller: '057156860006', CorpName: 'c', NumberStatusIdent: false, RetryType: 0 });
  const id = Number(created.body.Data);
  assert.equal((await call('UploadRobotTaskCalledFile', { Id: id, CalledNumber: '13800200000' })).body.Code, 'OK');
  assert.equal((await call('StartRobotTask', { TaskId: id, ScheduleTime: formatTime(Date.now() + 30 * 86_400_000, 'Asia/Shanghai') })).body.Code, 'OK');
  return id;
}

test('json at info: one access line for every other HTTP request too, and no secret in any', async (t) => {
  const TOKEN = 'log-test-admin-token-0001';
  const { p, port } = await serve(t, ['--log-format', 'json', '--log-level', 'info', '--admin-token', TOKEN]);
  const base = `http://127.0.0.1:${port}`;
  const bearer = { authorization: `Bearer ${TOKEN}` };
  const id = await scheduledTask(port);
  const file = new URL(data<{ called: { ossFilePath: string }[] }>(await client('pop-get', { port, ...TEST_KEY })('QueryRobotTaskDetail', { Id: id })).called[0]!.ossFilePath);
  const signature = 'ab'.repeat(32);
  const browser = await ConsoleClient.signIn(port, TEST_KEY.accessKeyId, TEST_KEY.accessKeySecret);
  const statuses = {
    admin: (await fetch(`${base}/_robotcall/keys`, { headers: bearer })).status,
    adminRefused: (await fetch(`${base}/_robotcall/keys`, { headers: { authorization: 'Bearer wrong' } })).status,
    page: (await fetch(`${base}/console/`)).status,
    overview: (await browser.get('/overview')).status,
    file: (await fetch(`${base}${file.pathname}`).then(async (r) => { await r.arrayBuffer(); return r.status; })),
    recording: (await fetch(`${base}/recordings/${id}/1.wav?Expires=4102444800&Signature=${signature}`)).status,
    metrics: (await fetch(`${base}/metrics`, { headers: bearer })).status,
    missing: (await fetch(`${base}/no/such/path?Signature=${signature}`)).status,
  };
  assert.deepEqual([statuses.admin, statuses.adminRefused, statuses.overview, statuses.file, statuses.recording, statuses.metrics, statuses.missing],
    [200, 401, 200, 200, 403, 200, 404]);
  const lines = await waitFor(() => {
    const http = jsonLines(p).filter((l) => l.msg === 'http');
    return http.length >= 9 ? http : undefined;
  }, 'nine http access lines');
  // Written as each response closes: in the order sent, but a line may overtake the one before it.
  const row = (l: Line) => JSON.stringify([l.method, l.route ?? `path ${String(l.path)}`, l.status, typeof l.accountId]);
  const account = Number(jsonLines(p).find((l) => l.msg === 'rpc' && l.action === 'CreateRobotTask')!.accountId);
  assert.deepEqual(lines.map(row).sort(), [
    ['POST', '/console/api/session', 200, 'undefined'],
    ['GET', '/_robotcall/keys', 200, 'undefined'],
    ['GET', '/_robotcall/keys', 401, 'undefined'],
    ['GET', '/console/', statuses.page, 'undefined'],
    ['GET', '/console/api/overview', 200, 'number'],
    ['GET', '/files/:name', 200, 'undefined'],
    ['GET', '/recordings/:task/:name', 403, 'undefined'],
    ['GET', '/metrics', 200, 'undefined'],
    ['GET', 'path /no/such/path', 404, 'undefined'],
  ].map((r) => JSON.stringify(r)).sort());
  assert.equal(lines.find((l) => l.route === '/console/api/overview')!.accountId, account);
  for (const l of lines) assert.ok(typeof l.ms === 'number' && l.ms >= 0 && l.ms < 10_000 && l.aborted === undefined, JSON.stringify(l));
  const out = p.stdout();
  for (const secret of [TOKEN, signature, file.pathname.split('/').pop()!.replace('.xlsx', ''), browser.cookie!.split('=')[1]!]) {
    assert.ok(!out.includes(secret), `the log holds no ${secret}`);
  }
});
