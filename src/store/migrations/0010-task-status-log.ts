// Migration 10: every status a task takes, with the engine time it took it, for the console's
// timeline (docs/console.md). Written by trigger, so no status change can be left out. The time is
// the writer's own engine time, which each status change sets in tasks.status_at (a pass of the
// engine works at its own time, which on a manual or fast clock is not the database's now); a
// change that sets none is stamped from the clock's stored anchor (docs/decisions.md D6) as the
// engine computes its time: engineAt + (wall - wallAt) × rate.
export const sql = `
alter table tasks add column status_at bigint;

create table task_status_log (
  task_id bigint not null,
  seq bigserial,
  at bigint not null,
  status text not null,
  primary key (task_id, seq)
);

create function log_task_status() returns trigger language plpgsql as $$
declare
  clock jsonb;
  wall bigint := floor(extract(epoch from clock_timestamp()) * 1000);
  at_ms bigint;
begin
  if tg_op = 'INSERT' then
    at_ms := new.created_at;
  else
    at_ms := new.status_at;
    if at_ms is null then
      select value into clock from settings where key = 'engine_clock';
      at_ms := case when clock is null then wall
        else (clock->>'engineAt')::bigint + floor((wall - (clock->>'wallAt')::bigint) * (clock->>'rate')::float8)::bigint end;
    end if;
  end if;
  insert into task_status_log (task_id, at, status) values (new.id, at_ms, new.status);
  return new;
end $$;
create trigger tasks_status_insert after insert on tasks for each row execute function log_task_status();
create trigger tasks_status_update after update of status on tasks for each row
  when (old.status is distinct from new.status) execute function log_task_status();

create or replace function delete_task_rows() returns trigger language plpgsql as $$
begin
  -- Callees first: see migration 9.
  delete from callees where task_id = old.id;
  delete from calls where task_id = old.id;
  delete from task_status_log where task_id = old.id;
  return old;
end $$;
`;
