// Migration 1: accounts, keys, robots, caller numbers, tasks and called batches.
// Times are bigint epoch milliseconds on the engine clock (wall clock for keys); PostgreSQL 15 SQL.
export const sql = `
create sequence account_ids start with 100000022670001;
create table accounts (
  id bigint primary key default nextval('account_ids'),
  name text not null unique,
  balance_fen bigint,
  created_at bigint not null
);

create table access_keys (
  id text primary key,
  secret text not null,
  account_id bigint not null references accounts(id) on delete cascade,
  active boolean not null default true,
  created_at bigint not null
);

-- Robot ids are global so one account can never name another's robot; the first is the seeds' robot.
create sequence robot_ids start with 1000000075003;
create table robots (
  id bigint primary key default nextval('robot_ids'),
  account_id bigint not null references accounts(id) on delete cascade,
  name text not null,
  robot_type text not null,
  audit_status text not null,
  dialog jsonb,
  asr_id text not null,
  asr_type text not null,
  remark text not null default '',
  created_at bigint not null,
  modified_at bigint not null
);
create index robots_account on robots(account_id, id);

create table caller_numbers (
  account_id bigint not null references accounts(id) on delete cascade,
  number text not null,
  primary key (account_id, number)
);

-- Starts at the api/ example's id; ids are never reused (a sequence never goes back).
create sequence task_ids start with 1045001;
create table tasks (
  id bigint primary key default nextval('task_ids'),
  account_id bigint not null references accounts(id) on delete cascade,
  name text not null,
  robot_id bigint not null,
  robot_name text not null,
  corp_name text not null,
  caller text not null,
  number_status_ident boolean not null,
  is_self_line boolean not null,
  retry_type int not null,
  recall_state_codes text not null,
  recall_times int not null,
  recall_interval int not null,
  status text not null,
  schedule_type text not null,
  schedule_time bigint,
  created_at bigint not null,
  fire_time bigint,
  complete_time bigint,
  dispatched boolean not null default false,
  total_count int not null default 0,
  finish_count int not null default 0
);
create index tasks_account on tasks(account_id, id desc);

create table called_batches (
  file_name text primary key,
  task_id bigint not null references tasks(id) on delete cascade,
  seq int not null,
  created_at bigint not null,
  numbers text[] not null,
  new_keys text[] not null,
  duplicates text[] not null,
  tts_head jsonb not null,
  tts_params jsonb not null,
  unique (task_id, seq)
);

-- Replay protection on PostgreSQL (D2): losing it in a crash is harmless, so skip the WAL.
create unlogged table nonces (
  access_key_id text not null,
  nonce text not null,
  expires_at bigint not null,
  primary key (access_key_id, nonce)
);

create table settings (
  key text primary key,
  value jsonb not null
);
`;
