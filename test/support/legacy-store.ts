// Stores as earlier releases left them: their migrations applied as those releases applied them,
// so a test can write the rows they wrote and start the current release on them.
import type { Database } from '../../src/store/executor.js';
import { splitStatements } from '../../src/store/migrate.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { TEST_KEY } from './test-server.js';

/** Migrations 1..`last`, recorded as applied. */
export async function migrateThrough(db: Database, last: number): Promise<void> {
  await db.query('create table robotcall_migrations (id int primary key, name text not null, applied_at timestamptz not null default now())');
  for (const m of MIGRATIONS.filter((x) => x.id <= last)) {
    for (const statement of splitStatements(m.sql)) await db.query(statement);
    await db.query('insert into robotcall_migrations (id, name) values ($1, $2)', [m.id, m.name]);
  }
}

/** An account named `name` holding the test key; its id. */
export async function legacyAccount(db: Database, name: string): Promise<string> {
  const [account] = await db.query<{ id: string }>('insert into accounts (name, created_at) values ($1, 1700000000000) returning id::text', [name]);
  await db.query('insert into access_keys (id, secret, account_id, active, created_at) values ($1, $2, $3, true, 1700000000000)',
    [TEST_KEY.accessKeyId, TEST_KEY.accessKeySecret, account!.id]);
  return account!.id;
}
