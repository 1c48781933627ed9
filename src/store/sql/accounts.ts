// SQL for accounts and access keys.
import type { AccessKey, Account } from '../../domain/types.js';
import { BalanceRangeError } from '../../domain/billing.js';
import { hasControlChar } from '../../domain/plain-text.js';
import type { SqlExecutor } from '../executor.js';
import type { KeyListing } from '../store.js';

interface AccountRow { id: number; name: string; balance_fen: number | null; created_at: number }
interface KeyRow { id: string; secret: string; account_id: number; active: boolean; created_at: number; account_name?: string }

export const toAccount = (r: AccountRow): Account => ({ id: r.id, name: r.name, balanceFen: r.balance_fen, createdAt: r.created_at });
const toKey = (r: KeyRow): AccessKey => ({ id: r.id, secret: r.secret, accountId: r.account_id, active: r.active, createdAt: r.created_at });

export async function selectAccounts(db: SqlExecutor): Promise<Account[]> {
  return (await db.query<AccountRow>('select * from accounts order by id')).map(toAccount);
}

export async function selectAccount(db: SqlExecutor, id: number): Promise<Account | null> {
  const [row] = await db.query<AccountRow>('select * from accounts where id = $1', [id]);
  return row ? toAccount(row) : null;
}

export async function selectAccountByName(db: SqlExecutor, name: string): Promise<Account | null> {
  const [row] = await db.query<AccountRow>('select * from accounts where name = $1', [name]);
  return row ? toAccount(row) : null;
}

export async function insertAccount(db: SqlExecutor, name: string, now: number): Promise<Account> {
  const [row] = await db.query<AccountRow>('insert into accounts (name, created_at) values ($1, $2) returning *', [name, now]);
  return toAccount(row!);
}

export async function selectKeys(db: SqlExecutor): Promise<KeyListing[]> {
  const rows = await db.query<KeyRow>(
    'select k.*, a.name as account_name from access_keys k join accounts a on a.id = k.account_id order by k.created_at, k.id');
  return rows.map((r) => ({ ...toKey(r), accountName: r.account_name ?? '' }));
}

export async function selectKey(db: SqlExecutor, id: string): Promise<AccessKey | null> {
  const [row] = await db.query<KeyRow>('select * from access_keys where id = $1', [id]);
  return row ? toKey(row) : null;
}

export async function upsertKey(db: SqlExecutor, k: AccessKey): Promise<void> {
  await db.query(
    `insert into access_keys (id, secret, account_id, active, created_at) values ($1, $2, $3, $4, $5)
     on conflict (id) do update set secret = excluded.secret, account_id = excluded.account_id, active = excluded.active`,
    [k.id, k.secret, k.accountId, k.active, k.createdAt]);
}

export async function updateKeyActive(db: SqlExecutor, id: string, active: boolean): Promise<boolean> {
  // No stored id holds a control character, and a NUL would fail the statement on PostgreSQL.
  if (hasControlChar(id)) return false;
  const rows = await db.query('update access_keys set active = $2 where id = $1 returning id', [id, active]);
  return rows.length > 0;
}

/** Sets the balance (null = unlimited), or adds to it when `add` (an unlimited balance becomes the amount). */
export async function updateBalance(db: SqlExecutor, id: number, fen: number | null, add: boolean): Promise<Account | null> {
  try {
    const [row] = await db.query<AccountRow>(
      add ? 'update accounts set balance_fen = coalesce(balance_fen, 0) + $2 where id = $1 returning *'
        : 'update accounts set balance_fen = $2 where id = $1 returning *', [id, fen]);
    return row ? toAccount(row) : null;
  } catch (err) {
    // check_violation: accounts_balance_fen_range (migration 5).
    if ((err as { code?: string }).code === '23514') throw new BalanceRangeError('the balance would leave the range the store keeps (±10^15 fen)');
    throw err;
  }
}

export async function resetBalances(db: SqlExecutor): Promise<void> {
  await db.query('update accounts set balance_fen = null');
}

export async function selectAccountsByIds(db: SqlExecutor, ids: number[]): Promise<Account[]> {
  return (await db.query<AccountRow>('select * from accounts where id = any($1::bigint[])', [ids.map(String)])).map(toAccount);
}
