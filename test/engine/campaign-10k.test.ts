// A 10,000-callee campaign with mixed outcomes and redials runs to FINISH on a scaled clock
// (scaled:3600, an engine hour per wall second), and every callee's dials follow the magic-number
// rules or the seeded distribution, exactly as the carrier's ledger recorded them.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { CARRIER_FINAL_CODES, simulatedOutcome } from '../../src/carrier/simulated-outcomes.js';
import { admin } from '../support/admin.js';
import { client, data, type Caller } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const RECALL = ['200002', '200003', '200005', '200010', '200011', '200012'];
const RECALL_TIMES = 2;
const CODES = [...CARRIER_FINAL_CODES];

let s: TestServer;
let dir: string;
let call: Caller;
before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'robotcall-10k-'));
  s = await startTestServer({ flags: { clock: 'scaled:3600', carrierLedger: path.join(dir, 'ledger.jsonl'), taskConcurrency: 100, accountConcurrency: 100 } });
  call = client('pop-post', s);
});
after(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

/** 24 "13800+code" numbers, 2,400 "139+NN+code" numbers and 7,576 ordinary ones. */
function campaign(): string[] {
  const numbers = CODES.map((c) => `13800${c}`);
  for (let nn = 0; nn < 100; nn++) for (const c of CODES) numbers.push(`139${String(nn).padStart(2, '0')}${c}`);
  for (let i = 0; numbers.length < 10_000; i++) numbers.push(`1370000${String(i).padStart(4, '0')}`);
  return numbers;
}

/** The codes a callee's dials must end with: the carrier's rule per attempt, redialed per the policy. */
function expectedCodes(number: string): string[] {
  const codes: string[] = [];
  for (let attempt = 1; ; attempt++) {
    let code: string;
    if (number.startsWith('13800')) code = number.slice(5);
    else if (number.startsWith('139')) code = attempt <= Number(number.slice(3, 5)) ? number.slice(5) : '200000';
    else code = simulatedOutcome(1, number, attempt);
    codes.push(code);
    if (!RECALL.includes(code) || attempt > RECALL_TIMES) return codes;
  }
}

test('10,000 callees with redials finish within 60 s of wall time at scaled:3600, dialed exactly as the rules and the ledger say', async () => {
  const numbers = campaign();
  const id = Number((await call('CreateRobotTask', {
    TaskName: '万人外呼', DialogId: 1000000075003, Caller: '057156860006,057156860008', CorpName: '测试', NumberStatusIdent: true,
    RetryType: 1, RecallStateCodes: RECALL.join(','), RecallTimes: RECALL_TIMES, RecallInterval: 2,
  })).body.Data);
  assert.equal((await call('UploadRobotTaskCalledFile', { Id: id, CalledNumber: numbers.join(',') })).body.Code, 'OK');
  const started = Date.now();
  assert.equal((await call('StartRobotTask', { TaskId: id })).body.Code, 'OK');
  let status = '';
  // The deadline is the bar; the time taken is printed for the record.
  while (Date.now() - started < 60_000) {
    status = data<{ status: string }>(await call('QueryRobotTaskDetail', { Id: id })).status;
    if (status === 'FINISH') break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const wallMs = Date.now() - started;
  console.log(`# 10,000-callee campaign: FINISH after ${(wallMs / 1000).toFixed(1)} s wall`);
  assert.equal(status, 'FINISH', `still ${status} after ${wallMs} ms`);

  const calls: Array<{ callId: number; dialed: string; attempt: number; code: string; startedAt: number }> = [];
  for (let offset = 0; ; offset += 10_000) {
    const page = (await admin(s.port, 'GET', `tasks/${id}/calls?offset=${offset}&limit=10000`)).json.calls as typeof calls;
    calls.push(...page);
    if (page.length < 10_000) break;
  }
  const byNumber = new Map<string, string[]>();
  for (const c of [...calls].sort((a, b) => a.attempt - b.attempt)) byNumber.set(c.dialed, [...(byNumber.get(c.dialed) ?? []), c.code]);
  assert.equal(byNumber.size, 10_000);
  const wrong = numbers.filter((n) => JSON.stringify(byNumber.get(n)) !== JSON.stringify(expectedCodes(n)));
  assert.deepEqual(wrong.slice(0, 5).map((n) => [n, byNumber.get(n), expectedCodes(n)]), []);

  const ledger = readFileSync(path.join(dir, 'ledger.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { attemptId: number; number: string; attempt: number; at: number });
  assert.equal(ledger.length, calls.length);
  assert.equal(new Set(ledger.map((l) => l.attemptId)).size, ledger.length, 'no attempt dialed twice');
  const recorded = new Map(calls.map((c) => [c.callId, `${c.dialed}/${c.attempt}/${c.startedAt}`]));
  assert.ok(ledger.every((l) => recorded.get(l.attemptId) === `${l.number}/${l.attempt}/${l.at}`), 'ledger lines match the call records');
  const row = data<Array<{ id: number; finishCount: number; totalCount: number }>>(await call('QueryRobotTaskList', {})).find((r) => r.id === id)!;
  assert.deepEqual([row.totalCount, row.finishCount], [10_000, 10_000]);
  console.log(`# ${calls.length} dials for 10,000 callees`);
});
