// Applies pending migrations, once, even when several processes open one PostgreSQL at the same time.
import type { SqlExecutor } from './executor.js';
import { MIGRATIONS } from './migrations/index.js';

// Arbitrary constant naming robotcall's migration lock among other advisory locks.
const MIGRATION_LOCK = 7_213_401;

export async function migrate(db: SqlExecutor): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query('create table if not exists robotcall_migrations (id int primary key, name text not null, applied_at timestamptz not null default now())');
    const done = new Set((await tx.query<{ id: number }>('select id from robotcall_migrations')).map((r) => r.id));
    let applied = 0;
    for (const m of MIGRATIONS) {
      if (done.has(m.id)) continue;
      for (const statement of splitStatements(m.sql)) await tx.query(statement);
      await tx.query('insert into robotcall_migrations (id, name) values ($1, $2)', [m.id, m.name]);
      applied++;
    }
    return applied;
  });
}

/**
 * Migrations hold no quoted semicolons outside dollar-quoted bodies (a trigger function's), so after
 * dropping comment lines a split on the `;` outside `$$ … $$` is exact.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  for (const part of sql.replace(/^\s*--.*$/gm, '').split(/(\$\$[\s\S]*?\$\$)/)) {
    if (part.startsWith('$$')) {
      current += part;
      continue;
    }
    const pieces = part.split(';');
    current += pieces[0];
    for (const piece of pieces.slice(1)) {
      statements.push(current);
      current = piece;
    }
  }
  statements.push(current);
  return statements.map((s) => s.trim()).filter(Boolean);
}
