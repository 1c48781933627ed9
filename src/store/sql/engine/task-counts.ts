// Adds to a counter of several tasks. The rows are locked in id order first: a round's dial counts
// and a settlement's finish counts, written by two processes at once over the same tasks, would
// otherwise lock them in whatever order each join visits them, and deadlock.
import type { SqlExecutor } from '../../executor.js';

export async function addToTasks(tx: SqlExecutor, column: 'dial_count' | 'finish_count', add: ReadonlyMap<number, number>): Promise<void> {
  if (add.size === 0) return;
  await tx.query(
    `with x as (select * from jsonb_to_recordset($1::jsonb) as x(id bigint, n int)),
       locked as (select t.id from tasks t where t.id in (select id from x) order by t.id for update)
     update tasks t set ${column} = t.${column} + x.n from x join locked l on l.id = x.id where t.id = x.id`,
    [JSON.stringify([...add].map(([id, n]) => ({ id, n })))]);
}
