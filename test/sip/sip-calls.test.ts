// Real calls (docs/decisions.md D15): a task created and started through the official client is
// dialed through SIPp acting as the trunk and its callees (test/sip/scenarios/trunk.xml: the callee's
// first seven digits choose what happens; one challenges for the configured credentials). Each call's record is read back through the call APIs:
// state code, early-media identification, who hung up, the transcript from the robot's synthesized
// prompts and the keys pressed, and the recording. Skips without sipp or espeak-ng.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { espeakMissing } from '../../src/carrier/sip/speech.js';
import { data } from '../support/clients.js';
import { byCallee, EngineHarness } from '../support/engine.js';
import { SIPP_MISSING, startSipp, type Sipp } from '../support/sipp.js';
import { TEST_KEY } from '../support/test-server.js';
import { buildConsole, CHROMIUM_MISSING, launchChromium, screenshot } from '../support/browser.js';
import { ConsoleClient } from '../support/console-client.js';

const skip = SIPP_MISSING ?? espeakMissing() ?? false;
const ROBOT_ID = 1000000099301;
const IVR = {
  start: 'hello',
  nodes: {
    hello: {
      say: '满意请按1，不满意请按2。',
      ask: {
        intents: [
          { kind: 'sure', keywords: ['满意'], digits: ['1'], next: 'thanks', label: '满意' },
          { kind: 'deny', keywords: ['不满意'], digits: ['2'], next: 'sorry', label: '不满意' },
        ],
        default: 'bye',
      },
    },
    thanks: { say: '谢谢评价。', next: 'more' },
    sorry: { say: '抱歉给您带来不便。', next: 'more' },
    more: { say: '其他问题请按0。', ask: { intents: [{ kind: 'custom', keywords: ['其他'], digits: ['0'], next: 'agent' }], default: 'bye' } },
    agent: { say: '正在为您转接。', transfer: '057112345678' },
    bye: { say: '再见。', hangup: true },
  },
};

let sipp: Sipp;
let h: EngineHarness;
let recordings: string;
let built: { dir: string; remove(): void } | null = null;

before(async () => {
  if (skip) return;
  if (!CHROMIUM_MISSING) built = buildConsole();
  sipp = await startSipp({ scenario: 'trunk', calls: 1000, fill: { talk_user_ms: 10000 }, timeoutS: 150 });
  recordings = mkdtempSync(path.join(tmpdir(), 'robotcall-recordings-'));
  h = await EngineHarness.start({
    carrier: 'sip', sipTrunk: `sip:127.0.0.1:${sipp.port}`, sipPort: 0, rtpPorts: '31000-31999', ringTimeout: 3, inputTimeout: 3,
    clock: 'scaled:60', callsPerSecond: 1000, recordingsDir: recordings, sipUsername: 'trunkuser', sipPassword: 'trunksecret',
  }, { consoleDir: built?.dir });
  const put = await h.admin('PUT', `accounts/${TEST_KEY.accessKeyId}/robots/${ROBOT_ID}`, { name: '回访机器人', auditStatus: 'AUDITPASS', dialog: IVR });
  assert.equal(put.status, 201, JSON.stringify(put.json));
});
after(async () => {
  if (skip) return;
  await h.close();
  sipp.stop();
  rmSync(recordings, { recursive: true, force: true });
  built?.remove();
});

/** Opens the call's transcript in Chromium: its player loads the recording (duration known, no error). */
async function playsInConsole(taskId: number, callee: string): Promise<void> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${h.s.port}/console#/tasks/${taskId}`);
    await page.fill('#access-key-id', TEST_KEY.accessKeyId);
    await page.fill('#access-key-secret', TEST_KEY.accessKeySecret);
    await page.click('[data-testid=sign-in]');
    await page.locator(`[data-testid=call-row][data-callee="${callee}"] button`).click();
    const audio = page.locator('[data-testid=recording]');
    await audio.evaluate((a: HTMLAudioElement) => a.load());
    await page.waitForFunction(() => {
      const a = document.querySelector<HTMLAudioElement>('[data-testid=recording]');
      return !!a && (a.error !== null || a.readyState >= 1);
    });
    assert.equal(await audio.evaluate((a: HTMLAudioElement) => a.error?.code ?? null), null, 'the recording loads in the page');
    assert.ok(await audio.evaluate((a: HTMLAudioElement) => a.duration) > 1, 'a recording of the call, seconds long');
    await screenshot(page, 'transcript-with-recording');
  } finally {
    await browser.close();
  }
}

const NUMBERS = {
  keys: '13900010001', silent: '13900020001', busy: '13904860001', unavailable: '13904800001', notFound: '13904040001',
  declined: '13906030001', rings: '13904080001', poweredOff: '13901830001', down: '13905030001', challenged: '13904010001',
};

test('a campaign through a SIP trunk: every outcome in its call record, transcripts from the prompts and keys, recordings', { skip, timeout: 120_000 }, async () => {
  const id = await h.task(Object.values(NUMBERS), {
    DialogId: ROBOT_ID, NumberStatusIdent: true, RetryType: 1, RecallStateCodes: '200012', RecallTimes: 1, RecallInterval: 2,
  });
  await h.untilFinished(id, 90_000);
  const calls = byCallee(await h.calls(id));
  const only = (n: string) => {
    const list = calls.get(n);
    assert.equal(list?.length, 1, `${n}: one call`);
    return list[0]!;
  };

  const codes = Object.fromEntries(Object.entries(NUMBERS).map(([k, n]) => [k, calls.get(n)?.map((c) => c.code)]));
  assert.deepEqual(codes, {
    keys: ['200001'], silent: ['200000'], busy: ['200002'], unavailable: ['200003'], notFound: ['200004'], declined: ['200005'],
    rings: ['200003'], poweredOff: ['200003'], down: ['200012', '200012'], challenged: ['200000'],
  }, 'each final answer as D15 maps it; the 503 redialed once, as the policy says; the challenge answered with the credentials');
  assert.equal(only(NUMBERS.poweredOff).earlyMediaCode, '200010', 'the 183\'s Q.850 cause 20 identified the number as powered off');

  const keys = only(NUMBERS.keys);
  // Prompts take 4.4 s, 2.0 s and 3.0 s to say: the key pressed a second in waits for the first ask;
  // the callee hangs up 11 s in, while the robot waits for a reply to its second (3 s from 9.4 s).
  assert.deepEqual(keys.transcript.map((u) => `${u.role}:${u.content}`),
    ['robot:满意请按1，不满意请按2。', 'custom:1', 'robot:谢谢评价。', 'robot:其他问题请按0。']);
  assert.deepEqual([keys.hangup, keys.labels, keys.rounds >= 1], ['user', ['满意'], true]);
  const silent = only(NUMBERS.silent);
  assert.deepEqual(silent.transcript.map((u) => `${u.role}:${u.content}`), ['robot:满意请按1，不满意请按2。', 'robot:再见。']);
  assert.deepEqual([silent.hangup, silent.rounds], ['robot', 1]);
  for (const c of [keys, silent]) {
    const talked = c.endedAt - c.answeredAt!;
    assert.ok(talked > 3_000 && talked < 30_000, `${c.callee} talked ${talked} ms of real time`);
    const wav = path.join(recordings, String(id), `${c.callId}.wav`);
    const bytes = readFileSync(wav);
    assert.equal(bytes.toString('ascii', 0, 4), 'RIFF');
    const seconds = bytes.readUInt32LE(40) / (8000 * 2 * 2);
    assert.ok(Math.abs(seconds * 1000 - talked) <= talked * 0.1, `${c.callee}: recording ${seconds} s, call ${talked} ms`);
    assert.equal(statSync(wav).size, 44 + bytes.readUInt32LE(40));
  }
  for (const n of [NUMBERS.busy, NUMBERS.rings, NUMBERS.down]) {
    for (const c of calls.get(n)!) assert.equal(c.answeredAt, null, `${n} was never answered`);
  }

  const detail = data<Record<string, unknown>>(await h.call('QueryRobotTaskCallDetail', { TaskId: id, Callee: NUMBERS.keys, QueryDate: await h.now() }));
  assert.deepEqual([detail.hangupDirection, detail.label], ['1', '满意']);
  assert.deepEqual((detail.dialogDetail as Array<{ content: string }>).slice(1, 2).map((u) => u.content), ['1']);

  // The recording through its signed link, as both call APIs give it; a busy call has none.
  assert.equal(detail.recordStatus, 1);
  const link = new URL(String(detail.recordFile));
  assert.equal(link.pathname, `/recordings/${id}/${keys.callId}.wav`);
  const expires = Number(link.searchParams.get('Expires'));
  assert.ok(Math.abs(expires - (Date.now() / 1000 + 48 * 3600)) < 60, 'valid for 48 hours');
  const got = await fetch(link);
  assert.equal(got.status, 200);
  assert.equal(got.headers.get('content-type'), 'audio/wav');
  assert.deepEqual(Buffer.from(await got.arrayBuffer()), readFileSync(path.join(recordings, String(id), `${keys.callId}.wav`)));
  link.searchParams.set('Signature', '0'.repeat(64));
  assert.equal((await fetch(link)).status, 403, 'a link whose signature does not match is refused');
  const smart = data<Record<string, unknown>>(await h.call('QueryCallDetailByTaskId', { TaskId: id, Callee: NUMBERS.silent, QueryDate: await h.now() }));
  assert.equal(smart.recordStatus, 1);
  assert.match(String(smart.recordFile), new RegExp(`/recordings/${id}/${silent.callId}\\.wav\\?Expires=\\d+&Signature=[0-9a-f]{64}$`));
  const busy = data<Record<string, unknown>>(await h.call('QueryCallDetailByTaskId', { TaskId: id, Callee: NUMBERS.busy, QueryDate: await h.now() }));
  assert.deepEqual([busy.recordStatus, busy.recordFile], [2, '']);

  // The console gives the same link and plays it in the call's transcript.
  const consoleCall = (await (await ConsoleClient.signIn(h.s.port, TEST_KEY.accessKeyId, TEST_KEY.accessKeySecret))
    .get<{ call: { hasRecording: boolean }; recordingUrl: string | null }>(`/tasks/${id}/calls/${NUMBERS.keys}`)).json;
  assert.equal(consoleCall.call.hasRecording, true);
  assert.equal(new URL(consoleCall.recordingUrl!).pathname, `/recordings/${id}/${keys.callId}.wav`);
  if (!CHROMIUM_MISSING) await playsInConsole(id, NUMBERS.keys);

  await h.ok('DeleteRobotTask', { TaskId: id });
  assert.throws(() => statSync(path.join(recordings, String(id))), /ENOENT/, "a deleted task's recordings are removed with it");
  assert.equal((await fetch(String(detail.recordFile))).status, 404);
});
