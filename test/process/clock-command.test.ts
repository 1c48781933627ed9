// `robotcall clock [show|speed|advance]` against a real server, by address (--url, ROBOTCALL_URL) with
// its admin token, and through the data dir it holds: what it prints, and bad values refused with
// the clock left as it was.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { admin } from '../support/admin.js';
import { robotcall, runCli } from '../support/process.js';
import { TEST_KEY, freshStoreArgs, usePostgres } from '../support/test-server.js';

const TOKEN = 'clock-command-token';
const HOUR = 3_600_000;
const cleanups: Array<() => Promise<void> | void> = [];
after(async () => { for (const c of cleanups.reverse()) await c(); });

let port = 0;
let url = '';
let storeArgs: string[] = [];

before(async () => {
  storeArgs = await freshStoreArgs(cleanups);
  const server = robotcall(['serve', '--port', '0', '--clock', 'manual', '--admin-token', TOKEN, ...storeArgs], {
    ROBOTCALL_ACCESS_KEY_ID: TEST_KEY.accessKeyId, ROBOTCALL_ACCESS_KEY_SECRET: TEST_KEY.accessKeySecret,
  });
  cleanups.push(async () => { server.child.kill('SIGTERM'); await server.exited(); });
  url = await server.ready();
  port = Number(new URL(url).port);
});

const byUrl = () => ['--url', url, '--admin-token', TOKEN];
const clockNow = async () => (await admin(port, 'GET', 'clock', undefined, TOKEN)).json as { mode: string; rate: number; now: number; time: string };

test('clock shows the engine clock, in words and as JSON, saying which server it asked', async () => {
  const words = await runCli(['clock', ...byUrl()]);
  assert.equal(words.code, 0, words.stderr);
  assert.match(words.stdout, /^engine clock manual: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d Asia\/Shanghai \(epoch ms \d+\); this server runs an engine\n$/);
  assert.ok(words.stderr.includes(`robotcall: the server at ${url}`), words.stderr);
  const json = await runCli(['clock', 'show', '--json', ...byUrl()]);
  assert.deepEqual(JSON.parse(json.stdout), { ...(await clockNow()), timezone: 'Asia/Shanghai', engine: 'on' });
});

test('clock advance moves a manual clock by --ms or to --to, and answers the new clock', async () => {
  const start = (await clockNow()).now;
  const by = await runCli(['clock', 'advance', '--ms', String(HOUR), '--json', ...byUrl()]);
  assert.equal(by.code, 0, by.stderr);
  assert.equal(JSON.parse(by.stdout).now, start + HOUR);
  assert.equal((await clockNow()).now, start + HOUR);

  const to = await runCli(['clock', 'advance', '--to', '2031-01-01 08:00:00', ...byUrl()]);
  assert.equal(to.code, 0, to.stderr);
  assert.match(to.stdout, /^engine clock manual: 2031-01-01 08:00:00 Asia\/Shanghai \(epoch ms 1924992000000\)/);
  assert.equal((await clockNow()).now, Date.UTC(2031, 0, 1));
  const epoch = await runCli(['clock', 'advance', '--to', String(Date.UTC(2031, 0, 2)), '--json', ...byUrl()]);
  assert.equal(JSON.parse(epoch.stdout).now, Date.UTC(2031, 0, 2));
});

test('clock refuses a bad advance or speed, exit 1 with the reason, and the clock stays as it was', async () => {
  const before = await clockNow();
  const refusals: Array<[string[], RegExp]> = [
    [['advance', '--ms', '-5'], /--ms.*never goes back/],
    [['advance', '--ms', '1.5'], /--ms.*whole number of milliseconds/],
    [['advance'], /give one of --ms N or --to TIME/],
    [['advance', '--ms', '1', '--to', '2040-01-01 00:00:00'], /give one of --ms N or --to TIME/],
    [['advance', '--to', 'tomorrow'], /--to.*yyyy-MM-dd HH:mm:ss/],
    // The server's refusal: the engine clock never goes back.
    [['advance', '--to', '2020-01-01 00:00:00'], /the engine clock cannot go back/],
    [['speed', 'scaled:0'], /system, manual or scaled:N with N a number from 0\.01 to 1,000,000 \(got "scaled:0"\)/],
    [['speed', 'fast'], /system, manual or scaled:N/],
  ];
  const results = await Promise.all(refusals.map(([args]) => runCli(['clock', ...args, ...byUrl()])));
  results.forEach((r, i) => {
    const [args, message] = refusals[i]!;
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.stdout}`);
    assert.match(r.stderr, message, args.join(' '));
    assert.equal(r.stdout, '', args.join(' '));
  });
  assert.deepEqual(await clockNow(), before);
});

test('clock speed runs the clock on at another rate, and back to manual', async () => {
  const scaled = await runCli(['clock', 'speed', 'scaled:60', '--json', ...byUrl()]);
  assert.equal(scaled.code, 0, scaled.stderr);
  assert.deepEqual([JSON.parse(scaled.stdout).mode, JSON.parse(scaled.stdout).rate], ['scaled', 60]);
  assert.deepEqual([(await clockNow()).mode, (await clockNow()).rate], ['scaled', 60]);
  const manual = await runCli(['clock', 'speed', 'manual', ...byUrl()]);
  assert.match(manual.stdout, /^engine clock manual: /);
  assert.equal((await clockNow()).mode, 'manual');
});

test('a wrong or missing admin token is refused (exit 1, saying how to give one) and changes nothing', async () => {
  const before = await clockNow();
  const [wrong, missing, envWrong] = await Promise.all([
    runCli(['clock', 'advance', '--ms', '1000', '--url', url, '--admin-token', 'not-the-token']),
    runCli(['clock', 'advance', '--ms', '1000', '--url', url], { ROBOTCALL_ADMIN_TOKEN: '' }),
    runCli(['clock', 'advance', '--ms', '1000'], { ROBOTCALL_URL: url, ROBOTCALL_ADMIN_TOKEN: 'not-the-token' }),
  ]);
  for (const r of [wrong, missing, envWrong]) {
    assert.equal(r.code, 1, r.stdout);
    assert.ok(r.stderr.includes(`the server at ${url}, and its admin API refused the command (401: admin token required`), r.stderr);
    assert.equal(r.stdout, '');
  }
  assert.match(wrong.stderr, /check the token \(--admin-token \/ ROBOTCALL_ADMIN_TOKEN\)/);
  assert.match(missing.stderr, /give its admin token with --admin-token or ROBOTCALL_ADMIN_TOKEN/);
  assert.deepEqual(await clockNow(), before);
});

test('ROBOTCALL_URL and ROBOTCALL_ADMIN_TOKEN name the server as --url and --admin-token do', async () => {
  const r = await runCli(['clock', '--json'], { ROBOTCALL_URL: url, ROBOTCALL_ADMIN_TOKEN: TOKEN });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).mode, 'manual');
});

test('clock goes through the server holding an embedded data dir, with the token its lock gives', { skip: usePostgres && 'embedded only' }, async () => {
  const r = await runCli(['clock', 'advance', '--ms', '1000', '--json', ...storeArgs]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stderr.includes(`robotcall: embedded PGlite at ${storeArgs[1]}, through the server at ${url}`), r.stderr);
});

test('on PostgreSQL the clock command needs the server\'s address: a database names no server', { skip: !usePostgres && 'DB=postgres only' }, async () => {
  const r = await runCli(['clock'], { DATABASE_URL: storeArgs[1]!, ROBOTCALL_URL: '' });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /a database names none: give its address with --url URL \(or ROBOTCALL_URL\)/);
});

test('clock --help lists its commands, and each command its options', async () => {
  const [clock, advance] = await Promise.all([runCli(['clock', '--help']), runCli(['clock', 'advance', '--help'])]);
  assert.equal(clock.code, 0);
  for (const command of ['show', 'speed', 'advance']) assert.ok(clock.stdout.includes(command), `clock --help lists ${command}`);
  assert.equal(advance.code, 0);
  for (const option of ['--ms', '--to', '--url', '--admin-token', '--data-dir', '--json']) assert.ok(advance.stdout.includes(option), `lists ${option}`);
});
