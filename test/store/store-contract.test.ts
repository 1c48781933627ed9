import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DomainError } from '../../src/domain/errors.js';
import type { NewTask } from '../../src/domain/types.js';
import { cachedStore } from '../../src/store/cached-store.js';
import type { Database } from '../../src/store/executor.js';
import { migrate } from '../../src/store/migrate.js';
import { sqlStore } from '../../src/store/sql-store.js';
import type { Store } from '../../src/store/store.js';
import { openTestDatabase, usePostgres } from '../support/test-server.js';

const now = 1_700_000_000_000;
const newTask = (accountId: number, name: string, createdAt = now): NewTask => ({
  accountId, name, robotId: 1000000075003, robotName: '机器人', corpName: 'corp ', caller: '057156860008', numberStatusIdent: true,
  isSelfLine: false, retryType: 1, recallStateCodes: '200010', recallTimes: 2, recallInterval: 5, createdAt,
});

// The same suite for every flavour the configured backend offers (DB=postgres: PostgreSQL; else PGlite).
const flavours: Array<[string, (db: Database) => Promise<Store>]> = usePostgres
  ? [['sql store on PostgreSQL', async (db) => sqlStore(db)]]
  : [['sql store on PGlite', async (db) => sqlStore(db)], ['cached store on PGlite', cachedStore]];

for (const [label, makeStore] of flavours) {
  describe(label, () => {
    let db: Database;
    let store: Store;
    let cleanup: () => Promise<void>;
    before(async () => {
      ({ db, remove: cleanup } = await openTestDatabase());
      await migrate(db);
      assert.equal(await migrate(db), 0, 'migrating again applies nothing');
      store = await makeStore(db);
    });
    after(async () => {
      await store.close();
      await cleanup();
    });

    test('a new account is seeded with demo robots and caller numbers', async () => {
      const a = await store.createAccount(`seeded-${label}`, now);
      assert.equal(a.balanceFen, null);
      const robots = await store.listRobots(a.id);
      assert.deepEqual(robots.map((r) => r.auditStatus), ['AUDITPASS', 'AUDITPASS', 'AUDITING', 'AUDITFAIL']);
      assert.ok(robots.every((r, i) => i === 0 || r.id > robots[i - 1]!.id), 'in id order');
      assert.equal((await store.findRobot(a.id, robots[0]!.id))?.name, '机器人');
      assert.deepEqual(await store.listCallerNumbers(a.id), ['057112345678', '057156860006', '057156860008', '057187654321']);
      assert.equal((await store.findAccountByName(`seeded-${label}`))?.id, a.id);
      await assert.rejects(store.createAccount(`seeded-${label}`, now), 'account names are unique');
    });

    test('keys are saved, updated in place, listed with their account and switched on and off', async () => {
      const a = await store.createAccount(`keys-${label}`, now);
      await store.saveAccessKey({ id: `K-${label}`, secret: 's1', accountId: a.id, active: true, createdAt: now });
      await store.saveAccessKey({ id: `K-${label}`, secret: 's2', accountId: a.id, active: true, createdAt: now });
      assert.equal((await store.findAccessKey(`K-${label}`))?.secret, 's2');
      assert.equal(await store.setAccessKeyActive(`K-${label}`, false), true);
      assert.equal((await store.findAccessKey(`K-${label}`))?.active, false);
      assert.equal(await store.setAccessKeyActive('no-such-key', false), false);
      const listed = (await store.listAccessKeys()).find((k) => k.id === `K-${label}`);
      assert.deepEqual([listed?.accountName, listed?.active], [`keys-${label}`, false]);
    });

    test('status changes are compare-and-set: a change planned from a stale status writes nothing', async () => {
      const a = await store.createAccount(`cas-${label}`, now);
      const t = await store.createTask(newTask(a.id, 'cas'));
      assert.deepEqual([t.status, t.scheduleType, t.fireTime, t.totalCount, t.calledFiles], ['INIT', 'SINGLE', null, 0, []]);
      const ready = await store.changeTask(a.id, t.id, 'INIT', { status: 'READY', scheduleType: 'ORDER', scheduleTime: now + 1, fireTime: now + 1 });
      assert.deepEqual([ready?.status, ready?.scheduleType, ready?.fireTime], ['READY', 'ORDER', now + 1]);
      assert.equal(await store.changeTask(a.id, t.id, 'INIT', { status: 'CANCEL' }), null);
      assert.equal((await store.findTask(a.id, t.id))?.status, 'READY');
      const back = await store.changeTask(a.id, t.id, 'READY', { status: 'INIT', scheduleTime: null, fireTime: null });
      assert.deepEqual([back?.status, back?.scheduleTime, back?.fireTime, back?.scheduleType], ['INIT', null, null, 'ORDER']);
    });

    test("tasks are invisible to other accounts and deletes are compare-and-set too", async () => {
      const a = await store.createAccount(`own-${label}`, now);
      const b = await store.createAccount(`other-${label}`, now);
      const t = await store.createTask(newTask(a.id, 'mine'));
      assert.equal(await store.findTask(b.id, t.id), null);
      assert.equal(await store.changeTask(b.id, t.id, 'INIT', { status: 'CANCEL' }), null);
      assert.equal(await store.deleteTask(b.id, t.id, 'INIT'), false);
      assert.equal(await store.deleteTask(a.id, t.id, 'READY'), false);
      assert.equal(await store.deleteTask(a.id, t.id, 'INIT'), true);
      assert.equal(await store.findTask(a.id, t.id), null);
      const next = await store.createTask(newTask(a.id, 'after delete'));
      assert.ok(next.id > t.id, 'ids are never reused');
    });

    test('task pages: newest first, filters combine, total counts every match', async () => {
      const a = await store.createAccount(`list-${label}`, now);
      const day = 86_400_000;
      for (const [name, created] of [['alpha', now], ['beta 100%', now + day], ['Alpha_2', now + day], ['gamma', now + 2 * day]] as const) {
        await store.createTask(newTask(a.id, name, created));
      }
      const page = await store.listTasks(a.id, {}, { offset: 1, limit: 2 });
      assert.deepEqual([page.tasks.map((t) => t.name), page.total], [['Alpha_2', 'beta 100%'], 4]);
      const byName = await store.listTasks(a.id, { nameContains: 'lpha' }, { offset: 0, limit: 10 });
      assert.deepEqual(byName.tasks.map((t) => t.name), ['Alpha_2', 'alpha'], 'case-sensitive substring');
      assert.deepEqual((await store.listTasks(a.id, { nameContains: '%' }, { offset: 0, limit: 10 })).tasks.map((t) => t.name), ['beta 100%']);
      assert.deepEqual((await store.listTasks(a.id, { nameContains: '_' }, { offset: 0, limit: 10 })).tasks.map((t) => t.name), ['Alpha_2']);
      const dayTwo = await store.listTasks(a.id, { createdFrom: now + day, createdTo: now + 2 * day }, { offset: 0, limit: 10 });
      assert.deepEqual(dayTwo.tasks.map((t) => t.name), ['Alpha_2', 'beta 100%']);
      const past = await store.listTasks(a.id, { status: 'INIT' }, { offset: 8, limit: 2 });
      assert.deepEqual([past.tasks.length, past.total], [0, 4]);
    });

    test('batches de-duplicate under the lock, and a refused plan writes nothing', async () => {
      const a = await store.createAccount(`batch-${label}`, now);
      const t = await store.createTask(newTask(a.id, 'batches'));
      const batch = (n: number, numbers: string[]) => ({ fileName: `f${n}-${label}--robotCallApi`, createdAt: now, numbers, ttsHead: ['name'], ttsParams: new Map([['all', ['客户']]]) });
      const seen: string[][] = [];
      const after1 = await store.addCalledBatch(a.id, t.id, batch(1, ['13800138000', '13900139000']), (_task, existing) => {
        seen.push([...existing]);
        return { newKeys: ['13800138000', '13900139000'], duplicates: [] };
      });
      assert.deepEqual([after1.totalCount, after1.calledFiles], [2, [`f1-${label}--robotCallApi`]]);
      // The plan sees which of the batch's numbers the task has (not all of the task's: that read grew with the task).
      await assert.rejects(store.addCalledBatch(a.id, t.id, batch(2, ['13700137000', '+8613900139000']), (_task, existing) => {
        seen.push([...existing].sort());
        throw new DomainError('isv.MOBILE_COUNT_OVER_LIMIT', 'refused');
      }), DomainError);
      assert.deepEqual(seen, [[], ['13900139000']]);
      const stored = await store.findTask(a.id, t.id);
      assert.deepEqual([stored?.totalCount, stored?.calledFiles.length], [2, 1], 'the refused batch left no trace');
      assert.equal(await store.findCalledBatch(`f2-${label}--robotCallApi`), null);
      const kept = await store.findCalledBatch(`f1-${label}--robotCallApi`);
      assert.deepEqual([kept?.taskId, kept?.numbers, kept?.ttsHead, [...kept!.ttsParams]], [t.id, ['13800138000', '13900139000'], ['name'], [['all', ['客户']]]]);
      await assert.rejects(store.addCalledBatch(a.id, 99_999_999, batch(3, []), () => ({ newKeys: [], duplicates: [] })),
        (e: unknown) => e instanceof DomainError && e.code === 'isv.TASK_NOT_FOUND');
    });

    test('two processes filling one task each see the other\'s numbers: a batch one did not write is never missed', async () => {
      // A second store on the same database is what another process is: it keeps its own key cache.
      // (Not closed: closing a store closes the database both share.)
      const other = await makeStore(db);
      const a = await store.createAccount(`two-${label}`, now);
      const t = await store.createTask(newTask(a.id, 'two writers'));
      let n = 0;
      const add = async (by: Store, numbers: string[]) => {
        let existing: string[] = [];
        await by.addCalledBatch(a.id, t.id, { fileName: `two${++n}-${label}--robotCallApi`, createdAt: now, numbers, ttsHead: [], ttsParams: new Map() }, (_task, known) => {
          existing = [...known].sort();
          return { newKeys: numbers.filter((x) => !known.has(x)), duplicates: numbers.filter((x) => known.has(x)) };
        });
        return existing;
      };
      assert.deepEqual(await add(store, ['13800000001', '13800000002']), []);
      assert.deepEqual(await add(store, ['13800000002', '13800000003']), ['13800000002'], 'the same writer again');
      assert.deepEqual(await add(other, ['13800000003', '13800000004']), ['13800000003'], 'the other writer sees the first one\'s');
      assert.deepEqual(await add(store, ['13800000004', '13800000001']), ['13800000001', '13800000004'], 'and the first the other\'s');
      assert.deepEqual(await add(store, ['13800000005', '13800000003']), ['13800000003']);
      assert.equal((await store.findTask(a.id, t.id))?.totalCount, 5);
    });

    test('a task created, filled and started at once is stored whole, or not at all when its start throws', async () => {
      const a = await store.createAccount(`started-${label}`, now);
      const batch = (name: string) => ({ fileName: `${name}-${label}--robotCallApi`, createdAt: now, numbers: ['13800138000'], ttsHead: [], ttsParams: new Map() });
      const plan = () => ({ newKeys: ['13800138000'], duplicates: [] });
      await assert.rejects(store.createStartedTask(newTask(a.id, 'refused'), batch('refused'), plan, () => {
        throw new DomainError('isv.TASK_NO_CALLEE', 'refused');
      }), DomainError);
      assert.equal((await store.listTasks(a.id, {}, { offset: 0, limit: 10 })).total, 0, 'no task, not even a cached one');
      assert.equal(await store.findCalledBatch(`refused-${label}--robotCallApi`), null);
      const { filled, started } = await store.createStartedTask(newTask(a.id, 'started'), batch('started'), plan, (t) => {
        assert.deepEqual([t.status, t.totalCount], ['INIT', 1], 'start sees the filled task');
        return { status: 'READY', runFrom: now };
      });
      assert.deepEqual([filled.status, started.status, started.totalCount, started.calledFiles], ['INIT', 'READY', 1, [`started-${label}--robotCallApi`]]);
      assert.deepEqual(await store.findTask(a.id, started.id), started);
    });

    test('bigint columns come back as numbers, and one past 2^53 is refused, not rounded', async () => {
      const [row] = await db.query<{ n: number }>('select 9007199254740991::bigint as n');
      assert.equal(row?.n, 9007199254740991);
      await assert.rejects(db.query('select 9007199254740993::bigint as n'), /exceeds 2\^53/);
    });

    test('a transaction that throws leaves nothing behind', async () => {
      const a = await store.createAccount(`tx-${label}`, now);
      await assert.rejects(db.transaction(async (tx) => {
        await tx.query("update accounts set balance_fen = 5 where id = $1", [a.id]);
        throw new Error('boom');
      }), /boom/);
      const [row] = await db.query<{ balance_fen: number | null }>('select balance_fen from accounts where id = $1', [a.id]);
      assert.equal(row?.balance_fen, null);
    });
  });
}
