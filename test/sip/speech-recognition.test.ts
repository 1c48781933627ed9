// Speech recognition as a plug-in (docs/decisions.md D15, --asr-url): while the robot waits for a reply,
// the callee's utterance (found by its energy) is POSTed as a WAV to the endpoint, and the text it
// answers is the reply the ask's intents are matched against. The endpoint here is a small HTTP
// server of the test's that says "满意" to whatever it hears; SIPp is the trunk and a talking callee.
// Skips without sipp or espeak-ng.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, test } from 'node:test';
import { espeakMissing } from '../../src/carrier/sip/speech.js';
import { EngineHarness } from '../support/engine.js';
import { SIPP_MISSING, startSipp, type Sipp } from '../support/sipp.js';
import { TEST_KEY } from '../support/test-server.js';

const skip = SIPP_MISSING ?? espeakMissing() ?? false;
const ROBOT_ID = 1000000099303;
const DIALOG = {
  start: 'ask',
  nodes: {
    ask: { say: '请说话。', ask: { intents: [{ kind: 'sure', keywords: ['满意'], next: 'thanks', label: '满意' }], default: 'bye' } },
    thanks: { say: '谢谢。', hangup: true },
    bye: { say: '再见。', hangup: true },
  },
};

interface Heard { type: string | undefined; task: string | undefined; call: string | undefined; bytes: number; rate: number; channels: number }
const heard: Heard[] = [];
let recognizer: Server;
let sipp: Sipp;
let h: EngineHarness;

before(async () => {
  if (skip) return;
  recognizer = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      heard.push({
        type: req.headers['content-type'], task: req.headers['x-robotcall-task'] as string, call: req.headers['x-robotcall-call'] as string,
        bytes: body.readUInt32LE(40), rate: body.readUInt32LE(24), channels: body.readUInt16LE(22),
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ text: '嗯，满意的' }));
    });
  });
  await new Promise<void>((resolve) => recognizer.listen(0, '127.0.0.1', resolve));
  const { port } = recognizer.address() as { port: number };
  sipp = await startSipp({ scenario: 'speak', calls: 10, timeoutS: 90 });
  h = await EngineHarness.start({
    carrier: 'sip', sipTrunk: `sip:127.0.0.1:${sipp.port}`, sipPort: 0, rtpPorts: '33000-33999', ringTimeout: 5, inputTimeout: 3,
    clock: 'system', asrUrl: `http://127.0.0.1:${port}/recognize`,
  });
  assert.equal((await h.admin('PUT', `accounts/${TEST_KEY.accessKeyId}/robots/${ROBOT_ID}`, { name: 'asr', auditStatus: 'AUDITPASS', dialog: DIALOG })).status, 201);
});
after(async () => {
  if (skip) return;
  await h.close();
  sipp.stop();
  await new Promise((resolve) => recognizer.close(resolve));
});

test('what the callee says is sent to the recognizer, and its text chooses the intent', { skip, timeout: 60_000 }, async () => {
  const id = await h.task(['13900020003'], { DialogId: ROBOT_ID });
  await h.untilFinished(id, 40_000);
  const [call] = await h.calls(id);
  assert.deepEqual(call!.transcript.map((u) => `${u.role}:${u.content}`), ['robot:请说话。', 'custom:嗯，满意的', 'robot:谢谢。']);
  assert.deepEqual([call!.labels, call!.hangup, call!.code], [['满意'], 'robot', '200000']);
  assert.equal(heard.length, 1, 'one utterance');
  const seconds = heard[0]!.bytes / 16_000;
  assert.deepEqual([heard[0]!.type, heard[0]!.task, heard[0]!.call, heard[0]!.rate, heard[0]!.channels], ['audio/wav', String(id), String(call!.callId), 8000, 1]);
  assert.ok(seconds > 1 && seconds < 6, `the utterance sent is ${seconds} s of the callee's 4.7 s`);
});
