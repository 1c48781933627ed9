// SQL of the receipt outbox (docs/decisions.md D16, migration 11). Every step that several processes
// may run at once takes its rows with `skip locked`, so each message joins one batch and each batch
// is tried by one process at a time; a lease hands a batch on when its process dies mid-try.
import type { ClaimedBatch, FailedBatch, ReceiptKind, ReceiptStore, ReceiptSummary, ReceiptTarget } from '../receipt-store.js';
import type { Database, SqlExecutor } from '../executor.js';

interface TargetRow { account_id: number; url: string; task_status_url: string | null; secret: string; updated_at: number }

const targetOf = (r: TargetRow): ReceiptTarget => ({
  accountId: r.account_id, url: r.url, taskStatusUrl: r.task_status_url, secret: r.secret, updatedAt: r.updated_at,
});

export function sqlReceiptStore(db: Database): ReceiptStore {
  return {
    findTarget: async (accountId) => {
      const [row] = await db.query<TargetRow>('select * from receipt_targets where account_id = $1', [accountId]);
      return row ? targetOf(row) : null;
    },

    saveTarget: (t) => db.transaction(async (tx) => {
      await tx.query(
        `insert into receipt_targets (account_id, url, task_status_url, secret, updated_at) values ($1, $2, $3, $4, $5)
         on conflict (account_id) do update set url = excluded.url, task_status_url = excluded.task_status_url,
           secret = excluded.secret, updated_at = excluded.updated_at`,
        [t.accountId, t.url, t.taskStatusUrl, t.secret, t.updatedAt]);
      // Task-status messages queued for a receiver no longer wanted would only ever be dropped.
      if (t.taskStatusUrl === null) await tx.query("delete from receipt_messages where account_id = $1 and kind = 'RobotTaskStatus'", [t.accountId]);
      if (t.taskStatusUrl === null) await tx.query("delete from receipt_batches where account_id = $1 and kind = 'RobotTaskStatus'", [t.accountId]);
    }),

    clearTarget: (accountId) => db.transaction(async (tx) => {
      const gone = await tx.query('delete from receipt_targets where account_id = $1 returning account_id', [accountId]);
      await tx.query('delete from receipt_messages where account_id = $1', [accountId]);
      await tx.query('delete from receipt_batches where account_id = $1', [accountId]);
      return gone.length > 0;
    }),

    summary: async (accountId): Promise<ReceiptSummary> => {
      const [row] = await db.query<{
        queued: string; pending: string; failed: string; delivered: string | null; last_error: string | null; next_at: number | null;
      }>(
        `select (select count(*) from receipt_messages where account_id = $1) as queued,
           (select count(*) from receipt_batches where account_id = $1 and not failed) as pending,
           (select count(*) from receipt_batches where account_id = $1 and failed) as failed,
           (select delivered from receipt_targets where account_id = $1) as delivered,
           (select last_error from receipt_batches where account_id = $1 and last_error is not null order by id desc limit 1) as last_error,
           (select min(next_at) from receipt_batches where account_id = $1 and not failed and attempts > 0) as next_at`,
        [accountId]);
      return {
        queued: Number(row!.queued), pendingBatches: Number(row!.pending), failedBatches: Number(row!.failed),
        delivered: Number(row!.delivered ?? 0), lastError: row!.last_error, nextAttemptAt: row!.next_at,
      };
    },

    listFailed: async (accountId, limit): Promise<FailedBatch[]> => {
      const rows = await db.query<{ id: number; kind: ReceiptKind; n: string; attempts: number; created_at: number; last_error: string | null }>(
        `select b.id, b.kind, (select count(*) from receipt_messages m where m.batch_id = b.id) as n, b.attempts, b.created_at, b.last_error
         from receipt_batches b where b.account_id = $1 and b.failed order by b.id limit $2`, [accountId, limit]);
      return rows.map((r) => ({ id: r.id, kind: r.kind, messages: Number(r.n), attempts: r.attempts, createdAt: r.created_at, lastError: r.last_error }));
    },

    retryFailed: async (accountId, wallNow) => (await db.query(
      `update receipt_batches set failed = false, attempts = 0, created_at = $2, next_at = $2, owner = null, lease_until = null
       where account_id = $1 and failed returning id`, [accountId, wallNow])).length,

    formBatches: (engineNow, wallNow, size, maxBatches) => db.transaction(async (tx) => {
      const ready = await tx.query<{ id: number; account_id: number; kind: ReceiptKind }>(
        `select id, account_id, kind from receipt_messages where batch_id is null and ready_at <= $1
         order by ready_at, id limit $2 for update skip locked`, [engineNow, size * maxBatches]);
      if (ready.length === 0) return 0;
      const groups = new Map<string, number[]>();
      for (const m of ready) {
        const key = `${m.account_id}\t${m.kind}`;
        const ids = groups.get(key) ?? [];
        ids.push(m.id);
        groups.set(key, ids);
      }
      let made = 0;
      for (const [key, ids] of groups) {
        const [accountId, kind] = key.split('\t') as [string, ReceiptKind];
        for (let i = 0; i < ids.length; i += size) {
          await tx.query(
            `with b as (insert into receipt_batches (account_id, kind, created_at, next_at) values ($1, $2, $3, $3) returning id)
             update receipt_messages set batch_id = (select id from b) where id = any($4::bigint[])`,
            [Number(accountId), kind, wallNow, ids.slice(i, i + size).map(String)]);
          made += 1;
        }
      }
      return made;
    }),

    claimBatches: (owner, wallNow, leaseUntil, limit) => db.transaction(async (tx) => {
      const batches = await tx.query<{ id: number; account_id: number; kind: ReceiptKind; attempts: number; created_at: number }>(
        `with due as (
           select id from receipt_batches
           where not failed and next_at <= $2 and (lease_until is null or lease_until < $2)
           order by next_at, id limit $4 for update skip locked)
         update receipt_batches b set owner = $1, lease_until = $3 from due where b.id = due.id
         returning b.id, b.account_id, b.kind, b.attempts, b.created_at`, [owner, wallNow, leaseUntil, limit]);
      if (batches.length === 0) return [];
      const ids = batches.map((b) => String(b.id));
      const messages = await tx.query<{ id: number; batch_id: number; payload: Record<string, unknown> }>(
        'select id, batch_id, payload from receipt_messages where batch_id = any($1::bigint[]) order by id', [ids]);
      const targets = await tx.query<TargetRow>(
        'select * from receipt_targets where account_id = any($1::bigint[])', [[...new Set(batches.map((b) => String(b.account_id)))]]);
      const targetOfAccount = new Map(targets.map((t) => [t.account_id, t]));
      const claimed: ClaimedBatch[] = [];
      const orphaned: string[] = [];
      for (const b of batches) {
        const t = targetOfAccount.get(b.account_id);
        const url = b.kind === 'VoiceReport' ? t?.url : t?.task_status_url;
        // The receiver was cleared (or stopped taking task statuses) after the batch was made.
        if (!t || !url) {
          orphaned.push(String(b.id));
          continue;
        }
        claimed.push({
          id: b.id, accountId: b.account_id, kind: b.kind, attempts: b.attempts, createdAt: b.created_at, url, secret: t.secret,
          messages: messages.filter((m) => m.batch_id === b.id).map((m) => ({ id: m.id, payload: m.payload })),
        });
      }
      if (orphaned.length > 0) await tx.query('delete from receipt_batches where id = any($1::bigint[])', [orphaned]);
      return claimed;
    }),

    delivered: async (batchId, owner, wallNow) => {
      const [row] = await db.query<{ deleted: string }>(
        `with n as (select count(*) as c from receipt_messages where batch_id = $1),
           gone as (delete from receipt_batches where id = $1 and owner = $2 returning account_id),
           counted as (update receipt_targets r set delivered = r.delivered + n.c from gone, n where r.account_id = gone.account_id returning 1),
           -- The receiver answers again: the account's batches waiting out a backoff go now, rather
           -- than minutes after it came back (each failed on its own, so none blocks the others).
           resumed as (update receipt_batches b set next_at = $3 from gone
             where b.account_id = gone.account_id and not b.failed and b.next_at > $3 and b.id <> $1 returning 1)
         select (select count(*) from gone) as deleted, (select count(*) from counted) as counted, (select count(*) from resumed) as resumed`,
        [batchId, owner, wallNow]);
      return Number(row!.deleted) > 0;
    },

    failed: async (batchId, owner, error, nextAt) => {
      await db.query(
        `update receipt_batches set attempts = attempts + 1, last_error = $3, next_at = coalesce($4, next_at), failed = ($4::bigint is null),
           owner = null, lease_until = null
         where id = $1 and owner = $2`, [batchId, owner, error.slice(0, 1000), nextAt]);
    },

    release: async (owner) => {
      await db.query('update receipt_batches set owner = null, lease_until = null where owner = $1 or ($1::text is null and owner is not null)', [owner]);
    },

    nextDue: async () => {
      const [row] = await db.query<{ at: number | null }>(
        'select min(greatest(next_at, coalesce(lease_until, 0))) as at from receipt_batches where not failed');
      return row?.at ?? null;
    },

    nextReady: async () => {
      const [row] = await db.query<{ at: number | null }>('select min(ready_at) as at from receipt_messages where batch_id is null');
      return row?.at ?? null;
    },

    backlog: async () => {
      const [row] = await db.query<{ n: string }>('select count(*) as n from receipt_messages');
      return Number(row!.n);
    },
  };
}

/** Reset removes every task: the messages about them go too (receivers stay). */
export async function deleteAllMessages(tx: SqlExecutor): Promise<void> {
  await tx.query('delete from receipt_messages');
  await tx.query('delete from receipt_batches');
}
