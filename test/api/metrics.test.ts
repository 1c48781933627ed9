// GET /metrics while a campaign runs on the simulated carrier (README "Metrics"): requests counted by
// action and code, dials by outcome exactly as the calls the API lists, calls in flight while the
// carrier has not answered and none after, no lag on a manual clock, the callees due read from the
// store; and /metrics behind the admin API's guard.
import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { client } from '../support/clients.js';
import { EngineHarness, HOUR } from '../support/engine.js';
import { scrape, value, type Samples } from '../support/metrics.js';
import { startTestServer, TEST_KEY, type TestServer } from '../support/test-server.js';
import { VERSION } from '../../src/main.js';

/** How every sample whose key starts with `prefix` moved between two scrapes (those that did not move left out). */
function moved(before: Samples, after: Samples, prefix: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of after) {
    if (!k.startsWith(prefix)) continue;
    const d = v - (before.get(k) ?? 0);
    if (d !== 0) out[k.slice(prefix.length)] = d;
  }
  return out;
}

const countBy = <T>(xs: T[], f: (x: T) => string) => xs.reduce<Record<string, number>>((m, x) => ({ ...m, [f(x)]: (m[f(x)] ?? 0) + 1 }), {});

test('a campaign moves the request, dial and engine metrics by exactly what happened', async (t) => {
  // The carrier answers 5 s (wall) after each dial: long enough to see the calls in flight.
  const e = await EngineHarness.start({ carrierTiming: 'zero', carrierLatency: 5000 });
  t.after(() => e.close());
  const base = `http://127.0.0.1:${e.s.port}`;
  const status = async (id: number) => (await e.admin('GET', `tasks/${id}`)).json.status;
  const before = await scrape(base);

  // Always answered, always busy (redialed once), no answer, invalid number.
  const id = await e.task(['13800200000', '13800200002', '13800200003', '13800200004'], {
    RetryType: 1, RecallStateCodes: '200002', RecallTimes: 1, RecallInterval: 2,
  });
  assert.equal((await e.call('QueryRobotTaskDetail', { Id: 999 })).body.Code, 'isv.TASK_NOT_FOUND');
  const forged = client('pop-get', { port: e.s.port, accessKeyId: TEST_KEY.accessKeyId, accessKeySecret: 'wrong' });
  assert.equal((await forged('QueryRobotInfoList', {})).body.Code, 'SignatureDoesNotMatch');
  assert.equal((await forged('MadeUpAction', {})).body.Code, 'InvalidAction.NotFound');

  // The start dialed the first callee at once (the pace lets one call start per 50 ms); a second of
  // engine time dials the rest. Their answers come 5 s later; nothing more is dialed until the
  // clock moves, so the callees dialing, read first, are at least the calls still in flight after.
  await e.advance(1000);
  const dialing = ((await e.admin('GET', `tasks/${id}`)).json.callees as Record<string, number>).dialing ?? 0;
  const during = await scrape(base);
  const inFlight = value(during, 'robotcall_engine_calls_in_flight');
  assert.ok(inFlight >= 1 && inFlight <= 4, `calls in flight during the campaign: ${inFlight}`);
  assert.ok(dialing >= inFlight, `${dialing} callees dialing, ${inFlight} calls in flight`);
  assert.equal(value(during, 'robotcall_engine_lag_seconds'), 0, 'the advance answered once the engine had caught up');

  for (let i = 0; value(await scrape(base), 'robotcall_engine_calls_in_flight') > 0; i++) {
    assert.ok(i < 200, 'the carrier answered every call within 20 s');
    await sleep(100);
  }
  await e.advance(HOUR); // the busy callee's redial, 2 minutes on
  for (let i = 0; (await status(id)) !== 'FINISH'; i++) {
    assert.ok(i < 200, `task ${id} finished within 20 s`);
    await sleep(100);
  }
  for (let i = 0; value(await scrape(base), 'robotcall_engine_calls_in_flight') > 0; i++) {
    assert.ok(i < 200, 'the redial was answered within 20 s');
    await sleep(100);
  }
  const after = await scrape(base);

  assert.deepEqual(moved(before, after, 'robotcall_rpc_requests_total'), {
    '{action="CreateRobotTask",code="OK"}': 1,
    '{action="UploadRobotTaskCalledFile",code="OK"}': 1,
    '{action="StartRobotTask",code="OK"}': 1,
    '{action="QueryRobotTaskDetail",code="isv.TASK_NOT_FOUND"}': 1,
    '{action="QueryRobotInfoList",code="SignatureDoesNotMatch"}': 1,
    '{action="other",code="InvalidAction.NotFound"}': 1,
  });
  assert.deepEqual(moved(before, after, 'robotcall_rpc_request_duration_seconds_count'), {
    '{action="CreateRobotTask"}': 1, '{action="UploadRobotTaskCalledFile"}': 1, '{action="StartRobotTask"}': 1,
    '{action="QueryRobotTaskDetail"}': 1, '{action="QueryRobotInfoList"}': 1, '{action="other"}': 1,
  });
  const le = (bound: string) => value(after, 'robotcall_rpc_request_duration_seconds_bucket', { action: 'StartRobotTask', le: bound });
  assert.ok(le('0.0005') <= le('0.1') && le('0.1') <= le('+Inf') && le('+Inf') === 1, 'cumulative buckets');

  const calls = await e.calls(id);
  const dials = moved(before, after, 'robotcall_engine_dials_total');
  assert.deepEqual(dials, Object.fromEntries(Object.entries(countBy(calls, (c) => c.code)).map(([code, n]) => [`{code="${code}"}`, n])));
  assert.deepEqual(dials, { '{code="200000"}': 1, '{code="200002"}': 2, '{code="200003"}': 1, '{code="200004"}': 1 });

  assert.equal(value(after, 'robotcall_engine_calls_in_flight'), 0);
  assert.equal(value(after, 'robotcall_engine_lag_seconds'), 0);
  assert.equal(value(after, 'robotcall_callees_due'), 0);
  assert.ok(value(after, 'robotcall_engine_pass_duration_seconds_count', { result: 'ok' }) > value(before, 'robotcall_engine_pass_duration_seconds_count', { result: 'ok' }));
  assert.equal(value(after, 'robotcall_engine_pass_duration_seconds_count', { result: 'failed' }), 0);
  assert.equal(value(after, 'robotcall_info', { version: VERSION, command: 'serve', store: e.s.databaseUrl ? 'postgres' : 'pglite' }), 1);
  assert.ok(value(after, 'process_cpu_seconds_total') > 0, "prom-client's process metrics are there too");
});

test('the callees due are counted from the store, and a count is reused for 5 s', async (t) => {
  // One call per 100 s of engine time: a second of it dials one callee of five.
  const e = await EngineHarness.start({ carrierTiming: 'zero', callsPerSecond: 0.01 });
  t.after(() => e.close());
  const base = `http://127.0.0.1:${e.s.port}`;
  const id = await e.task(['13800200000', '13800200001', '13800200002', '13800200003', '13800200004']);
  await e.advance(1000);
  assert.equal(value(await scrape(base), 'robotcall_callees_due'), 4);
  await e.advance(100_000);
  assert.equal((await e.callees(id, 'pending')).length, 3, 'a second callee was dialed');
  assert.equal(value(await scrape(base), 'robotcall_callees_due'), 4, 'read again only after 5 s');
});

/** A GET with exactly these headers (fetch will not forge Host). */
function get(port: number, path: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => { text += d; }).on('end', () => resolve({ status: res.statusCode!, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('/metrics is guarded like the admin API', () => {
  const withServer = async (flags: Record<string, string>, run: (s: TestServer) => Promise<void>) => {
    const s = await startTestServer({ flags: { engine: 'off', ...flags } });
    try {
      await run(s);
    } finally {
      await s.close();
    }
  };

  test('bound beyond loopback with a token: refused without it or with a wrong one, served with it', async () => {
    await withServer({ host: '0.0.0.0', adminToken: 'metrics-token-1' }, async (s) => {
      assert.equal((await get(s.port, '/metrics', {})).status, 401);
      assert.equal((await get(s.port, '/metrics', { authorization: 'Bearer wrong-token-00' })).status, 401);
      const ok = await get(s.port, '/metrics', { authorization: 'Bearer metrics-token-1', host: `robotcall.example:${s.port}` });
      assert.equal(ok.status, 200);
      assert.match(ok.text, /^robotcall_info\{version="[^"]+",command="serve",store="(pglite|postgres)"\} 1$/m);
    });
  });

  test('bound beyond loopback without a token: refused to all', async () => {
    await withServer({ host: '0.0.0.0' }, async (s) => {
      const r = await get(s.port, '/metrics', {});
      assert.equal(r.status, 403);
      assert.match(r.text, /not bound to loopback and has no --admin-token/);
    });
  });

  test('open on loopback, but not to a foreign Host or Origin', async () => {
    await withServer({}, async (s) => {
      assert.equal((await get(s.port, '/metrics', {})).status, 200);
      assert.equal((await get(s.port, '/metrics', { host: `localhost:${s.port}`, origin: `http://localhost:${s.port}` })).status, 200);
      const foreign: Array<Record<string, string>> = [{ host: `evil.example:${s.port}` }, { origin: 'http://evil.example' }, { host: `127.0.0.1:${s.port + 1}` }];
      for (const headers of foreign) {
        const r = await get(s.port, '/metrics', headers);
        assert.equal(r.status, 403, JSON.stringify(headers));
        assert.doesNotMatch(r.text, /robotcall_/);
      }
    });
  });
});
