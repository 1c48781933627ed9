// A batch a previous release stored (migration 11: TTS values as jsonb) reads back the same after
// migration 12 turned the column into json: every number's values, the `all` entry, text as written.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Database } from '../../src/store/executor.js';
import { selectBatch } from '../../src/store/sql/batches.js';
import { legacyAccount, migrateThrough } from '../support/legacy-store.js';
import { startOnPreparedStore } from '../support/test-server.js';

const FILE = 'b0f8a2b4-0000-4000-8000-000000000001--robotCallApi';
const VALUES = { '13800000001': ['张三', '12.50'], '+8613800000002': ['李"四\\', ''], all: ['全体', '0'] };

async function writeStoreAtMigration11(db: Database): Promise<void> {
  await migrateThrough(db, 11);
  const account = await legacyAccount(db, 'old');
  const [task] = await db.query<{ id: string }>(
    `insert into tasks (account_id, name, robot_id, robot_name, corp_name, caller, number_status_ident, is_self_line, retry_type,
       recall_state_codes, recall_times, recall_interval, status, schedule_type, created_at, run_from, total_count)
     values ($1, 'old', 1000000075003, '机器人', 'c', '057156860006', false, false, 0, '', 0, 0, 'INIT', 'SINGLE', 1700000000000, 1700000000000, 2)
     returning id::text`, [account]);
  await db.query(
    `insert into called_batches (file_name, task_id, seq, created_at, numbers, new_keys, duplicates, tts_head, tts_params)
     values ($1, $2, 1, 1700000000000, $3, $4, '{}', '["name","amount"]'::jsonb, $5::jsonb)`,
    [FILE, task!.id, ['13800000001', '+8613800000002'], ['13800000001', '13800000002'], JSON.stringify(VALUES)]);
}

test('a batch stored as jsonb before migration 12 reads back whole from json after it', async () => {
  const prepared = await startOnPreparedStore(writeStoreAtMigration11);
  try {
    await prepared.stopServer();
    const db = await prepared.openDb();
    try {
      const [column] = await db.query<{ type: string }>(
        "select data_type as type from information_schema.columns where table_name = 'called_batches' and column_name = 'tts_params'");
      assert.equal(column?.type, 'json');
      const batch = await selectBatch(db, FILE);
      assert.deepEqual(Object.fromEntries(batch!.ttsParams), VALUES);
      assert.deepEqual([batch!.numbers, batch!.ttsHead], [['13800000001', '+8613800000002'], ['name', 'amount']]);
    } finally {
      await db.close();
    }
  } finally {
    await prepared.close();
  }
});
