// Migration 7: what several engine processes on one database must agree on (docs/decisions.md D14).
// A call records the process that committed it (its owner), which renews the lease while it waits
// for the carrier; the per-account pace (earliest next start, engine ms, fractional: 1000 / N
// calls/s) lives here instead of in one process's memory.
export const sql = `
alter table calls add column owner text;
-- Recovery looks for unanswered calls on every pass of every process: through this index it reads
-- only those (a handful), where calls_ended's IS NULL search let PostgreSQL scan the whole table.
create index calls_unanswered on calls (lease_until) where code is null;
create table engine_pace (
  account_id bigint primary key,
  next_at double precision not null
);
`;
