// Migration 8: an attempt in flight lives on its callee's row, and its call row is written once,
// with its outcome (docs/decisions.md D14). Committing an attempt was an insert into
// calls plus the callee's update, and recording it an update of that call (a new row version with
// every index touched again); now the commit is the callee's update alone (attempt id from a block,
// caller, start, lease, owner) and the record is one insert.
export const sql = `
alter table callees add column attempt_id bigint;
alter table callees add column caller text;
alter table callees add column started_at bigint;
-- Wall ms until which the owner answers for the attempt in flight; null once it is recorded.
alter table callees add column lease_until bigint;
alter table callees add column owner text;

-- Dialing callees whose latest call exists: they point at it.
update callees c set attempt_id = k.id, caller = k.caller, started_at = k.started_at
  from calls k where c.state = 'dialing' and k.task_id = c.task_id and k.callee_seq = c.seq and k.attempt = c.attempts;
-- Attempts committed but never answered under the old layout are call loss (D8), as recovery would
-- record them once their leases ran out.
update calls set code = '200012', ended_at = started_at, duration_s = 0 where code is null;

-- Attempt ids are taken a block at a time (sql/engine/dial.ts takeAttemptIds), after every id given so far.
create sequence call_id_blocks increment by 1000;
select setval('call_id_blocks', greatest((select max(id) from calls), (select last_value from call_ids)) + 1, false);
-- Every call row is given its id: no default left to collide with a block.
alter table calls alter column id drop default;
drop sequence call_ids;

drop index calls_unanswered;
alter table calls drop column lease_until;

-- The calls that hold lines, by their end (the line holders and the next line to free): a call
-- that ended as it started (zero timing, call loss) held none, and costs no index entry.
drop index calls_ended;
create index calls_holding on calls (ended_at) where ended_at > started_at;
-- Dialing callees are no longer in the open-callees index: one entry fewer per dial. The finish
-- check looks for them through callees_dialing.
drop index callees_open;
create index callees_open on callees (task_id, due_at, seq) where state = 'pending';
`;
