// Migration 2: the engine's tables (docs/architecture.md §5, docs/decisions.md D7/D8): callees made at dispatch, one row
// per call attempt, carrier scenarios; and what the engine needs on robots, batches and tasks.
export const sql = `
-- Demo robots remember which seed they are, so a reset restores them in place (ids stay valid).
alter table robots add column seed_index int;
update robots set seed_index = case name when '机器人' then 0 when '回访机器人' then 1 when '催收提醒机器人' then 2 when '营销机器人' then 3 end
  where remark like 'robotcall demo robot%';

-- A batch uploaded to a running task is turned into callees by the engine's next step.
alter table called_batches add column dispatched boolean not null default false;

-- How many dials the task has made: the caller-number rotation index.
alter table tasks add column dial_count bigint not null default 0;

-- One distinct number of a task. state: pending | dialing | done | skipped.
create table callees (
  task_id bigint not null references tasks(id) on delete cascade,
  seq int not null,
  number text not null,
  dial_number text not null,
  tts jsonb,
  state text not null,
  attempts int not null default 0,
  due_at bigint,
  first_dial_at bigint,
  primary key (task_id, seq)
);
-- The open callees of a task in due order: claims, next-due lookups and the finish check use it.
create index callees_open on callees (task_id, due_at, seq) where state in ('pending', 'dialing');

-- One dial (attempt). Inserted, with its start, before the carrier is asked (at most once per
-- attempt); the outcome columns are filled when the carrier answers; settled when the engine clock
-- passes ended_at and the redial policy has been applied.
create sequence call_ids start with 10375010001;
create table calls (
  id bigint primary key default nextval('call_ids'),
  task_id bigint not null references tasks(id) on delete cascade,
  account_id bigint not null,
  callee_seq int not null,
  attempt int not null,
  caller text not null,
  called text not null,
  started_at bigint not null,
  lease_until bigint not null,
  code text,
  early_media_code text,
  answered_at bigint,
  ended_at bigint,
  duration_s int,
  cost_fen bigint not null default 0,
  result jsonb,
  settled boolean not null default false,
  unique (task_id, callee_seq, attempt)
);
create index calls_unsettled on calls (ended_at) where not settled;

create table carrier_scenarios (
  number text primary key,
  scenario jsonb not null
);
`;
