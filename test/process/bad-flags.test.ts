import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { runCli } from '../support/process.js';
import pg from 'pg';
import { POSTGRES_ADMIN_URL, freshDataDir, freshDatabase, usePostgres } from '../support/test-server.js';

const cleanups: Array<() => Promise<void> | void> = [];
after(async () => { for (const c of cleanups.reverse()) await c(); });

let dir: string;
let busyPort: number;
before(async () => {
  dir = await freshDataDir();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const busy = net.createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  busyPort = (busy.address() as net.AddressInfo).port;
  cleanups.push(() => new Promise<void>((resolve) => busy.close(() => resolve())));
});

type Case = [args: string[], expected: RegExp, env?: Record<string, string>];

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const flag = (name: string, env: string) => `invalid ${kebab(name).replace(/-/g, ' ')} \\(--${kebab(name)} / ${env}\\): `;

const CASES: Case[] = [
  [['--calling-hours', '9-18'], new RegExp(`${flag('callingHours', 'ROBOTCALL_CALLING_HOURS')}must be HH:MM-HH:MM`)],
  [['--public-url', 'ftp://files.example'], new RegExp(`${flag('publicUrl', 'ROBOTCALL_PUBLIC_URL')}must be an http:// or https:// URL`)],
  [['--public-url', 'robotcall.example:8080'], /must be an http:\/\/ or https:\/\/ URL/],
  [['--port', '70000'], new RegExp(`${flag('port', 'ROBOTCALL_PORT')}must be an integer from 0 to 65535`)],
  [['--port', 'eighty'], /must be an integer from 0 to 65535/],
  [['--rate-limit', '0'], new RegExp(`${flag('rateLimit', 'ROBOTCALL_RATE_LIMIT')}must be an integer from 1 to 1,000,000`)],
  [['--task-concurrency', '0'], new RegExp(`${flag('taskConcurrency', 'ROBOTCALL_TASK_CONCURRENCY')}must be an integer from 1 to 100,000`)],
  [['--account-concurrency', '100001'], /must be an integer from 1 to 100,000/],
  [['--calls-per-second', '0'], new RegExp(`${flag('callsPerSecond', 'ROBOTCALL_CALLS_PER_SECOND')}must be a number from 0.01 to 1,000,000`)],
  [['--price-per-minute', '1.5'], /must be an integer from 0 to 100,000/],
  [['--carrier-seed', '-1'], /must be an integer from 0 to 4,294,967,295/],
  [['--clock', 'scaled:0'], /must be system, manual or scaled:N with N a number from 0.01 to 1,000,000/],
  [['--clock', 'scaled:1e9'], /must be system, manual or scaled:N/],
  [['--log-level', 'loud'], /must be one of fatal, error, warn, info, debug, trace, silent/],
  [['--database-url', 'mysql://db.example/x'], /must be a postgres:\/\/ or postgresql:\/\/ URL/],
  [[], new RegExp(`${flag('auth', 'ROBOTCALL_AUTH')}must be one of strict, any-key`), { ROBOTCALL_AUTH: 'loose' }],
  [[], /invalid engine .*must be one of on, off/, { ROBOTCALL_ENGINE: 'maybe' }],
  // A flag and its variable say the same thing, in words, naming both.
  [['--log-format', 'text'], new RegExp(`${flag('logFormat', 'ROBOTCALL_LOG_FORMAT')}must be one of pretty, json`)],
  [[], new RegExp(`${flag('logFormat', 'ROBOTCALL_LOG_FORMAT')}must be one of pretty, json`), { ROBOTCALL_LOG_FORMAT: 'text' }],
  [['--carrier-timing', 'slow'], /invalid carrier timing \(--carrier-timing \/ ROBOTCALL_CARRIER_TIMING\): must be one of realistic, zero/],
  // Only an environment variable sets the key: the message names no flag.
  [[], /invalid access key id \(ROBOTCALL_ACCESS_KEY_ID\): must be 1-64 characters/, { ROBOTCALL_ACCESS_KEY_ID: 'my key', ROBOTCALL_ACCESS_KEY_SECRET: 's' }],
  [['--database-url', 'postgres://postgres@127.0.0.1:1/robotcall'], /cannot connect to the database at 127\.0\.0\.1:1: .*ECONNREFUSED/],
];

async function expectOneLine(args: string[], expected: RegExp, env: Record<string, string> = {}) {
  const r = await runCli(['serve', ...args], env);
  const label = `serve ${args.join(' ')} ${JSON.stringify(env)}`;
  assert.equal(r.code, 1, `${label}: exit code\n${r.stderr}`);
  assert.match(r.stderr, expected, label);
  assert.match(r.stderr, /^robotcall: [^\n]+\n$/, `${label}: one line, no stack\n${r.stderr}`);
}

test('every bad flag is one line saying what is expected, and exit 1', async () => {
  // Four at a time: each case is a node process.
  for (let i = 0; i < CASES.length; i += 4) {
    await Promise.all(CASES.slice(i, i + 4).map(([args, expected, env]) => expectOneLine(args, expected, env)));
  }
});

test('a port in use names --port; an address not of this machine names --host', async () => {
  await expectOneLine(['--data-dir', dir, '--port', String(busyPort)], new RegExp(`port ${busyPort} on 127\\.0\\.0\\.1 is in use \\(--port\\)`));
  await expectOneLine(['--data-dir', dir, '--host', '192.0.2.1'], /--host 192\.0\.2\.1 is not an address of this machine/);
});

test('a carrier ledger that cannot be written is refused at start, not at the first dial', async () => {
  await expectOneLine(['--data-dir', dir, '--carrier-ledger', `${dir}/no-such-dir/ledger.jsonl`],
    /the carrier ledger .*no-such-dir\/ledger\.jsonl cannot be written \(ENOENT\) \(--carrier-ledger \/ ROBOTCALL_CARRIER_LEDGER\)/);
});

test('a database that does not exist, or holds tables robotcall did not make, says what to do', { skip: !usePostgres && 'DB=postgres only' }, async () => {
  const missing = new URL(POSTGRES_ADMIN_URL);
  missing.pathname = '/robotcall_no_such_db';
  await expectOneLine(['--database-url', missing.toString()], /database "robotcall_no_such_db" does not exist \(create it first, e\.g\. `createdb/);
  const db = await freshDatabase();
  cleanups.push(() => db.drop());
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  await c.query('create table accounts (id int)');
  await c.end();
  await expectOneLine(['--database-url', db.url], /already holds tables robotcall did not make .*give robotcall a database of its own/);
});
