// hangupDirection reads the same in the three call APIs (docs/decisions.md D13): 1 user, 0 robot, "" for a
// call never answered.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { data } from '../support/clients.js';
import { EngineHarness, HOUR } from '../support/engine.js';

let h: EngineHarness;
before(async () => { h = await EngineHarness.start(); });
after(async () => { await h.close(); });

test('a call never answered shows "" in QueryRobotTaskCallList, QueryRobotTaskCallDetail and QueryCallDetailByTaskId', async () => {
  await h.admin('PUT', 'carrier/scenarios/13800200000', { utterances: ['不需要'], hangup: 'robot' });
  await h.admin('PUT', 'carrier/scenarios/13900000001', { outcomes: ['200000'], utterances: [], hangup: 'user' });
  const id = await h.task(['13800200002', '13800200000', '13900000001']);
  await h.advance(HOUR);
  assert.equal(await h.status(id), 'FINISH');
  const list = data<Array<{ called: string; hangupDirection: string }>>(await h.call('QueryRobotTaskCallList', { TaskId: id }));
  const seen: Record<string, unknown[]> = {};
  for (const row of list) {
    const q = { TaskId: id, Callee: row.called, QueryDate: await h.now() };
    const detail = data<{ hangupDirection: string }>(await h.call('QueryRobotTaskCallDetail', q));
    const smart = data<{ hangupDirection: number | string }>(await h.call('QueryCallDetailByTaskId', q));
    seen[row.called] = [row.hangupDirection, detail.hangupDirection, smart.hangupDirection];
  }
  assert.deepEqual(seen, {
    13800200002: ['', '', ''],
    13800200000: ['0', '0', 0],
    13900000001: ['1', '1', 1],
  });
});
