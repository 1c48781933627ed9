// The SIP carrier over TCP (docs/decisions.md D15): a small campaign through SIPp as the trunk on a
// TCP connection — an answered call the robot ends, a busy one, and a 503 — recorded as over UDP.
// Skips without sipp or espeak-ng.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { espeakMissing } from '../../src/carrier/sip/speech.js';
import { byCallee, EngineHarness } from '../support/engine.js';
import { SIPP_MISSING, startSipp, type Sipp } from '../support/sipp.js';
import { TEST_KEY } from '../support/test-server.js';

const skip = SIPP_MISSING ?? espeakMissing() ?? false;
const ROBOT_ID = 1000000099302;
const DIALOG = { start: 'bye', nodes: { bye: { say: '再见。', hangup: true } } };

let sipp: Sipp;
let h: EngineHarness;

before(async () => {
  if (skip) return;
  sipp = await startSipp({ scenario: 'trunk', transport: 'tcp', calls: 1000, fill: { talk_user_ms: 1000 }, timeoutS: 90 });
  h = await EngineHarness.start({
    carrier: 'sip', sipTrunk: `sip:127.0.0.1:${sipp.port}`, sipTransport: 'tcp', sipPort: 0, rtpPorts: '32000-32999', ringTimeout: 3,
    inputTimeout: 2, clock: 'system', callsPerSecond: 1000,
  });
  assert.equal((await h.admin('PUT', `accounts/${TEST_KEY.accessKeyId}/robots/${ROBOT_ID}`, { name: 'tcp', auditStatus: 'AUDITPASS', dialog: DIALOG })).status, 201);
});
after(async () => {
  if (skip) return;
  await h.close();
  sipp.stop();
});

test('over TCP: answered and ended by the robot, busy, and call loss, each in its record', { skip, timeout: 60_000 }, async () => {
  const id = await h.task(['13900020002', '13904860002', '13905030002'], { DialogId: ROBOT_ID });
  await h.untilFinished(id, 40_000);
  const calls = byCallee(await h.calls(id));
  assert.deepEqual([...calls].map(([n, list]) => [n, list.map((c) => [c.code, c.hangup])]).sort(), [
    ['13900020002', [['200000', 'robot']]], ['13904860002', [['200002', null]]], ['13905030002', [['200012', null]]],
  ]);
  assert.deepEqual(calls.get('13900020002')![0]!.transcript.map((u) => u.content), ['再见。']);
});
