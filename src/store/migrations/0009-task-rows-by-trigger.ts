// Migration 9: callees and calls lose their foreign keys to tasks; a task's delete still takes them
// with it, by trigger (docs/decisions.md D14, "Writes per callee"). They are the engine's hottest
// inserts, and a foreign key checks each inserted row against tasks on its own: a lookup and a
// key-share lock per row, 0.4 s per 100,000 rows on PGlite (measured), about a tenth of a task's run.
// Their writers already hold what the key proved: dispatch inserts callees under its task's row lock
// (sql/engine/dispatch.ts), and a call row is written only for an attempt whose callee row the same
// transaction has just updated, or read joined to its task (sql/engine/outcomes.ts).
export const sql = `
alter table callees drop constraint callees_task_id_fkey;
alter table calls drop constraint calls_task_id_fkey;

create function delete_task_rows() returns trigger language plpgsql as $$
begin
  -- Callees first. A transaction recording one of the task's calls holds its callee's row: this
  -- waits for it, and the next statement (a new snapshot) sees the call it wrote. One that comes
  -- after finds no callee in flight and writes no call.
  delete from callees where task_id = old.id;
  delete from calls where task_id = old.id;
  return old;
end $$;
create trigger tasks_delete_rows after delete on tasks for each row execute function delete_task_rows();
`;
