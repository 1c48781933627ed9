// SQL of the limits every engine process shares (docs/decisions.md D14): a transaction that plans
// calls for an account holds that account's advisory lock, and reads the calls holding its lines and
// its pace from the database, so processes planning at once never both use the same line or moment.
import type { SqlExecutor } from '../../executor.js';

/** Names robotcall's per-account dial locks among other advisory locks (migrate.ts uses 7_213_401). */
const ACCOUNT_DIAL_LOCKS = 7_213_402;

/** Takes the accounts' dial locks until the transaction ends, in id order (two planners never deadlock). */
export async function lockAccountsForDialing(tx: SqlExecutor, accountIds: readonly number[]): Promise<void> {
  await tx.query(
    `select pg_advisory_xact_lock($1, (s.a % 2147483647)::int)
     from (select distinct a from unnest($2::bigint[]) as u(a) order by a) s`,
    [ACCOUNT_DIAL_LOCKS, accountIds.map(String)]);
}

export interface LineHolder { task_id: number; account_id: number; started_at: number; ended_at: number | null }

/**
 * The accounts' calls that hold a line at or after `from`: recorded calls ending after it (settled
 * or not: a call settled as it was recorded still holds its line until its end), and the attempts in
 * flight, which have no call row yet nor a known end (the carrier has not answered; their leases
 * run until it does).
 */
export async function selectLineHolders(tx: SqlExecutor, accountIds: readonly number[], from: number): Promise<LineHolder[]> {
  return tx.query<LineHolder>(
    // `ended_at > started_at` is the calls_holding index's predicate (migration 8).
    `select task_id, account_id, started_at, ended_at from calls
     where account_id = any($1::bigint[]) and ended_at > $2 and ended_at > started_at
     union all
     select c.task_id, t.account_id, c.started_at, null from callees c join tasks t on t.id = c.task_id
     where c.state = 'dialing' and c.lease_until is not null and t.account_id = any($1::bigint[])`,
    [accountIds.map(String), from]);
}

/** Earliest next start the pace allows, per account (engine ms); accounts that never dialed are absent. */
export async function selectPace(tx: SqlExecutor, accountIds: readonly number[]): Promise<Map<number, number>> {
  const rows = await tx.query<{ account_id: number; next_at: number }>(
    'select account_id, next_at from engine_pace where account_id = any($1::bigint[])', [accountIds.map(String)]);
  return new Map(rows.map((r) => [r.account_id, r.next_at]));
}

export async function savePace(tx: SqlExecutor, pace: ReadonlyMap<number, number>): Promise<void> {
  if (pace.size === 0) return;
  await tx.query(
    `insert into engine_pace (account_id, next_at)
     select x.id, x.next_at from jsonb_to_recordset($1::jsonb) as x(id bigint, next_at double precision)
     on conflict (account_id) do update set next_at = excluded.next_at`,
    [JSON.stringify([...pace].map(([id, nextAt]) => ({ id, next_at: nextAt })))]);
}

/** After a reset every engine time may go back: no account's pace holds any more. */
export async function clearPace(db: SqlExecutor): Promise<void> {
  await db.query('delete from engine_pace');
}
