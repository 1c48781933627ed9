// `robotcall scenarios list|put|delete` against a real server, through the data dir it holds (embedded)
// or by address (--url with its admin token): scenarios stored and removed; bad numbers, files and
// scenarios refused with nothing stored.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { admin } from '../support/admin.js';
import { robotcall, runCli } from '../support/process.js';
import { TEST_KEY, freshStoreArgs, usePostgres } from '../support/test-server.js';

const TOKEN = 'scenarios-command-token';
const cleanups: Array<() => Promise<void> | void> = [];
after(async () => { for (const c of cleanups.reverse()) await c(); });

let port = 0;
let target: string[] = [];
let files = '';

before(async () => {
  files = mkdtempSync(path.join(os.tmpdir(), 'robotcall-scenarios-'));
  cleanups.push(() => rmSync(files, { recursive: true, force: true }));
  const storeArgs = await freshStoreArgs(cleanups);
  const server = robotcall(['serve', '--port', '0', '--admin-token', TOKEN, ...storeArgs], {
    ROBOTCALL_ACCESS_KEY_ID: TEST_KEY.accessKeyId, ROBOTCALL_ACCESS_KEY_SECRET: TEST_KEY.accessKeySecret,
  });
  cleanups.push(async () => { server.child.kill('SIGTERM'); await server.exited(); });
  const url = await server.ready();
  port = Number(new URL(url).port);
  // Embedded: found through the data dir's lock, token included; PostgreSQL names no server.
  target = usePostgres ? ['--url', url, '--admin-token', TOKEN] : storeArgs;
});

function file(name: string, text: string): string {
  const p = path.join(files, name);
  writeFileSync(p, text);
  return p;
}

const storedScenarios = async () => (await admin(port, 'GET', 'carrier/scenarios', undefined, TOKEN)).json.scenarios;

test('scenarios put, list and delete a number\'s scenario', async () => {
  const empty = await runCli(['scenarios', 'list', ...target]);
  assert.equal(empty.code, 0, empty.stderr);
  assert.equal(empty.stdout, '');
  assert.match(empty.stderr, /robotcall: no scenarios/);

  const scenario = { outcomes: ['200002', '200000'], utterances: ['是的', ''], ringMs: 3000, hangup: 'user' };
  const put = await runCli(['scenarios', 'put', '13800138000', file('busy-then-yes.json', JSON.stringify(scenario)), ...target]);
  assert.equal(put.code, 0, put.stderr);
  assert.equal(put.stdout, '13800138000\toutcomes 200002,200000\tutterances ["是的",""]\tringMs 3000\thangup user\n');
  assert.deepEqual(await storedScenarios(), [{ number: '13800138000', ...scenario }]);

  const listed = await runCli(['scenarios', 'list', '--json', ...target]);
  assert.deepEqual(JSON.parse(listed.stdout), [{ number: '13800138000', ...scenario }]);

  const deleted = await runCli(['scenarios', 'delete', '13800138000', ...target]);
  assert.equal(deleted.stdout, '13800138000: scenario deleted\n', deleted.stderr);
  assert.deepEqual(await storedScenarios(), []);
  const again = await runCli(['scenarios', 'delete', '13800138000', ...target]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /no scenario for 13800138000/);
});

test('scenarios put refuses a bad number, file or scenario: exit 1, nothing stored', async () => {
  const good = file('good.json', '{"outcomes": ["200002"]}');
  const refusals: Array<[string[], RegExp]> = [
    [['put', '12345', good], /12345 is not a valid mainland China number/],
    [['put', '1'.repeat(40), good], /a number is 1 to 32 characters/],
    [['put', '13800138000', path.join(files, 'missing.json')], /missing\.json: not a readable scenario file \(ENOENT/],
    [['put', '13800138000', file('broken.json', '{"outcomes": [')], /broken\.json: not JSON/],
    [['put', '13800138000', file('array.json', '["200002"]')], /array\.json: must hold a JSON object/],
    [['put', '13800138000', file('code.json', '{"outcomes": ["999999"]}')], /scenario\.outcomes\[0\]: a final state code/],
    [['put', '13800138000', file('ring.json', '{"ringMs": -1}')], /scenario\.ringMs/],
    [['put', '13800138000', file('big.json', `{"utterances": ["${'x'.repeat(1_100_000)}"]}`)], /big\.json: not a readable scenario file \(over 1024 KiB\)/],
  ];
  const results = await Promise.all(refusals.map(([args]) => runCli(['scenarios', ...args, ...target])));
  refusals.forEach(([args, message], i) => {
    assert.equal(results[i]!.code, 1, `${args.join(' ').slice(0, 80)}: ${results[i]!.stdout}`);
    assert.match(results[i]!.stderr, message, args.join(' ').slice(0, 80));
  });
  assert.deepEqual(await storedScenarios(), []);
});

test('scenarios --help lists its commands', async () => {
  const r = await runCli(['scenarios', 'put', '--help']);
  assert.equal(r.code, 0);
  for (const word of ['<number>', '<file>', '--url', '--admin-token', '--data-dir', '--json']) assert.ok(r.stdout.includes(word), word);
});
