// Migration 11: call receipts pushed to each account's receiver (docs/decisions.md D16). The outbox
// rows are written by trigger in the transaction that writes a call row or logs a task status, so no
// finished call can be recorded without its message, whichever writer recorded it (an answer from the
// carrier, a lost call, a recovery). A message holds what it reports (the task may be deleted before
// it goes) and waits for the engine clock to pass the call's end: the simulated carrier records a
// call when it is placed, with an end still ahead on the engine clock.
export const sql = `
create table receipt_targets (
  account_id bigint primary key references accounts(id) on delete cascade,
  url text not null,
  task_status_url text,
  secret text not null,
  delivered bigint not null default 0,
  updated_at bigint not null
);

create table receipt_batches (
  id bigserial primary key,
  account_id bigint not null,
  kind text not null,
  created_at bigint not null,
  attempts int not null default 0,
  next_at bigint not null,
  owner text,
  lease_until bigint,
  last_error text,
  failed boolean not null default false
);
create index receipt_batches_due on receipt_batches (next_at) where not failed;
create index receipt_batches_account on receipt_batches (account_id);

create table receipt_messages (
  id bigserial primary key,
  account_id bigint not null,
  kind text not null check (kind in ('VoiceReport', 'RobotTaskStatus')),
  ready_at bigint not null,
  payload jsonb not null,
  batch_id bigint references receipt_batches(id) on delete cascade
);
create index receipt_messages_unbatched on receipt_messages (ready_at, id) where batch_id is null;
create index receipt_messages_batch on receipt_messages (batch_id);
create index receipt_messages_account on receipt_messages (account_id);

create function queue_call_receipts() returns trigger language plpgsql as $$
begin
  -- Most stores push nowhere: one probe of an empty table, then nothing per row.
  if not exists (select 1 from receipt_targets) then return null; end if;
  insert into receipt_messages (account_id, kind, ready_at, payload)
  select n.account_id, 'VoiceReport', coalesce(n.ended_at, n.started_at), jsonb_build_object(
      'callId', n.id, 'taskId', n.task_id, 'calleeSeq', n.callee_seq, 'attempt', n.attempt,
      'caller', n.caller, 'callee', coalesce(c.number, n.called), 'robotId', t.robot_id,
      'startedAt', n.started_at, 'answeredAt', n.answered_at, 'endedAt', n.ended_at, 'durationS', n.duration_s,
      'code', n.code, 'earlyMediaCode', n.early_media_code, 'numberStatusIdent', t.number_status_ident,
      'hangup', n.result->>'h')
  from new_calls n
  join receipt_targets r on r.account_id = n.account_id
  join tasks t on t.id = n.task_id
  left join callees c on c.task_id = n.task_id and c.seq = n.callee_seq
  order by n.id;
  return null;
end $$;
create trigger calls_receipts after insert on calls referencing new table as new_calls
  for each statement execute function queue_call_receipts();

create function queue_task_receipts() returns trigger language plpgsql as $$
begin
  insert into receipt_messages (account_id, kind, ready_at, payload)
  select t.account_id, 'RobotTaskStatus', new.at, jsonb_build_object(
      'taskId', t.id, 'taskName', t.name, 'status', new.status, 'at', new.at,
      'totalCount', t.total_count, 'finishCount', t.finish_count, 'seq', new.seq)
  from tasks t join receipt_targets r on r.account_id = t.account_id and r.task_status_url is not null
  where t.id = new.task_id;
  return null;
end $$;
create trigger task_status_receipts after insert on task_status_log for each row execute function queue_task_receipts();
`;
