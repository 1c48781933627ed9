import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { data, client } from '../support/clients.js';
import { rawCall, send, signV1 } from '../support/raw-request.js';
import { signV3 } from '../support/raw-v3.js';
import { startTestServer, usePostgres, type TestServer } from '../support/test-server.js';

const TASK = { TaskName: 'replay', DialogId: '1000000075003', Caller: '057156860008', NumberStatusIdent: 'false', RetryType: '0' };
const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A server on a wall clock the test moves by hand; `at` is where it starts (30 s into a minute). */
async function manualWallServer(flags: Parameters<typeof startTestServer>[0] = {}) {
  const at = Math.floor(Date.now() / MINUTE) * MINUTE + 30_000;
  const wall = { ms: at };
  const s = await startTestServer({ ...flags, flags: { engine: 'off', ...flags.flags }, wallClock: { now: () => wall.ms } });
  return { s, wall, at };
}

describe('replays on a manual wall clock', () => {
  test('a nonce is refused exactly while a request that used it could pass the timestamp check', async () => {
    const { s, wall, at } = await manualWallServer();
    try {
      const opts = { ...s, secret: s.accessKeySecret, nonce: 'replayed-nonce' };
      const created = signV1({ Action: 'CreateRobotTask', ...TASK }, { ...opts, timestamp: iso(at) });
      assert.equal((await send(s.port, created)).json().Code, 'OK');
      const code = async (req: typeof created) => (await send(s.port, req)).json().Code;

      wall.ms = at + 10 * MINUTE;
      const reused = signV1({ Action: 'QueryRobotTaskList' }, { ...opts, timestamp: iso(wall.ms) });
      assert.equal(await code(reused), 'SignatureNonceUsed', 'a new request may not reuse it either');
      wall.ms = at + 15 * MINUTE;
      assert.equal(await code(created), 'SignatureNonceUsed', 'the last moment the replay passes the timestamp check');
      wall.ms = at + 15 * MINUTE + 1000;
      assert.equal(await code(created), 'InvalidTimeStamp.Expired');

      // Its minute of signed time has left the window: the pair is forgotten, a new request may use it.
      wall.ms = at + 15 * MINUTE + 30_000;
      const fresh = signV1({ Action: 'QueryRobotTaskList' }, { ...opts, timestamp: iso(wall.ms) });
      assert.equal(await code(fresh), 'OK');
      assert.equal(await code(fresh), 'SignatureNonceUsed');
      const tasks = await send(s.port, signV1({ Action: 'QueryRobotTaskList' }, { ...s, secret: s.accessKeySecret, timestamp: iso(wall.ms) }));
      assert.equal(JSON.parse(String(tasks.json().Data)).length, 1, 'the replays created nothing');
    } finally {
      await s.close();
    }
  });

  test('at --max-nonces the embedded store answers Throttling with the wait until the oldest are forgotten', { skip: usePostgres && 'embedded only' }, async () => {
    const { s, wall, at } = await manualWallServer({ flags: { maxNonces: 3 } });
    try {
      const signed = (i: number) => signV1({ Action: 'QueryRobotTaskList' }, { ...s, secret: s.accessKeySecret, nonce: `n${i}`, timestamp: iso(wall.ms) });
      const first = signed(0);
      for (const req of [first, signed(1), signed(2)]) assert.equal((await send(s.port, req)).status, 200);
      const full = await send(s.port, signed(3));
      assert.deepEqual([full.status, full.json().Code], [400, 'Throttling']);
      // Signed at :30 of a minute: that minute leaves the window 15 minutes after it ends.
      assert.equal(full.headers.get('x-acs-retry-after'), String(30_000 + 15 * MINUTE));
      assert.equal((await send(s.port, first)).json().Code, 'SignatureNonceUsed', 'a replay is still a replay');
      wall.ms = at + 30_000 + 15 * MINUTE - 1;
      assert.equal((await send(s.port, signed(4))).json().Code, 'Throttling');
      assert.equal((await send(s.port, signed(4))).headers.get('x-acs-retry-after'), '1');
      wall.ms += 1;
      assert.equal((await send(s.port, signed(5))).status, 200);
    } finally {
      await s.close();
    }
  });
});

test('on PostgreSQL the used nonces are in a crash-safe (WAL-logged) table: a crash must not reopen replays', { skip: !usePostgres && 'DB=postgres only' }, async () => {
  const s = await startTestServer({ flags: { engine: 'off' } });
  const db = new pg.Client({ connectionString: s.databaseUrl! });
  try {
    const r = await rawCall(s.port, 'QueryRobotTaskList', {}, { ...s, secret: s.accessKeySecret, nonce: 'kept-through-a-crash' });
    assert.equal(r.status, 200);
    await db.connect();
    // An UNLOGGED table ('u') is emptied when PostgreSQL recovers from a crash; 'p' is an ordinary one.
    const { rows } = await db.query("select relpersistence from pg_class where oid = 'nonces'::regclass");
    assert.equal(rows[0].relpersistence, 'p');
    const used = await db.query("select 1 from nonces where nonce = 'kept-through-a-crash'");
    assert.equal(used.rowCount, 1);
  } finally {
    await db.end().catch(() => {});
    await s.close();
  }
});

describe('the form of a nonce', () => {
  let s: TestServer;
  before(async () => { s = await startTestServer({ flags: { engine: 'off' } }); });
  after(async () => { await s.close(); });

  const taskCount = async () => data<unknown[]>(await client('pop-get', s)('QueryRobotTaskList', { PageSize: 100 })).length;

  test('a SignatureNonce of 1-128 visible ASCII characters is accepted, as the clients send it', async () => {
    for (const nonce of ['0d5fb2f6e9276c0115cc84390e7da521', 'c6a7e9a1-4a0e-4c1e-9f43-0d2b7b1f1a11', '~'.repeat(128), `!"#$%&'()*+,-./:;<=>?@[\\]^_\`{|}`, 'x']) {
      const r = await rawCall(s.port, 'QueryRobotTaskList', {}, { ...s, secret: s.accessKeySecret, nonce });
      assert.equal(r.status, 200, `${nonce}: ${r.text}`);
    }
  });

  test('any other nonce is InvalidSignatureNonce before anything is stored (v1 and V3)', async () => {
    const before = await taskCount();
    for (const nonce of [randomBytes(1400).toString('hex'), 'a\u0000b', 'n'.repeat(129), 'a b', 'a\u007fb', 'a\tb', 'ключ', '随机数']) {
      const r = await rawCall(s.port, 'CreateRobotTask', TASK, { ...s, secret: s.accessKeySecret, nonce });
      assert.deepEqual([r.status, r.json().Code], [400, 'InvalidSignatureNonce'], JSON.stringify(nonce.slice(0, 20)));
    }
    for (const nonce of ['n'.repeat(129), 'a b']) {
      const r = await send(s.port, signV3('CreateRobotTask', TASK, { ...s, secret: s.accessKeySecret, nonce }));
      assert.deepEqual([r.status, r.json().Code], [400, 'InvalidSignatureNonce'], `V3 ${nonce.slice(0, 20)}`);
    }
    assert.equal(await taskCount(), before);
  });
});
