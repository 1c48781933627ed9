// SQL for tasks: create, read, compare-and-set status changes, delete, filtered pages.
import type { NewTask, ScheduleType, Task, TaskChange, TaskStatus } from '../../domain/types.js';
import type { SqlExecutor, SqlValue } from '../executor.js';
import type { Page, TaskFilter } from '../store.js';

interface TaskRow {
  id: number; account_id: number; name: string; robot_id: number; robot_name: string; corp_name: string; caller: string;
  number_status_ident: boolean; is_self_line: boolean; retry_type: number; recall_state_codes: string; recall_times: number;
  recall_interval: number; status: string; schedule_type: string; schedule_time: number | null; created_at: number;
  fire_time: number | null; complete_time: number | null; dispatched: boolean; total_count: number; finish_count: number;
  run_from: number | null;
  called_files: string[] | null; full_count?: number;
}

export function toTask(r: TaskRow): Task {
  return {
    id: r.id, accountId: r.account_id, name: r.name, robotId: r.robot_id, robotName: r.robot_name, corpName: r.corp_name,
    caller: r.caller, numberStatusIdent: r.number_status_ident, isSelfLine: r.is_self_line, retryType: r.retry_type,
    recallStateCodes: r.recall_state_codes, recallTimes: r.recall_times, recallInterval: r.recall_interval,
    status: r.status as TaskStatus, scheduleType: r.schedule_type as ScheduleType, scheduleTime: r.schedule_time,
    createdAt: r.created_at, fireTime: r.fire_time, completeTime: r.complete_time, dispatched: r.dispatched, runFrom: r.run_from,
    totalCount: r.total_count, finishCount: r.finish_count, calledFiles: r.called_files ?? [],
  };
}

const CALLED_FILES = `coalesce((select array_agg(b.file_name order by b.seq) from called_batches b where b.task_id = t.id), '{}') as called_files`;

export async function insertTask(db: SqlExecutor, t: NewTask): Promise<Task> {
  const [row] = await db.query<TaskRow>(
    `insert into tasks (account_id, name, robot_id, robot_name, corp_name, caller, number_status_ident, is_self_line,
       retry_type, recall_state_codes, recall_times, recall_interval, status, schedule_type, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'INIT', 'SINGLE', $13)
     returning *, '{}'::text[] as called_files`,
    [t.accountId, t.name, t.robotId, t.robotName, t.corpName, t.caller, t.numberStatusIdent, t.isSelfLine,
      t.retryType, t.recallStateCodes, t.recallTimes, t.recallInterval, t.createdAt]);
  return toTask(row!);
}

export async function selectTask(db: SqlExecutor, accountId: number, id: number, lock = false): Promise<Task | null> {
  const [row] = await db.query<TaskRow>(
    `select t.*, ${CALLED_FILES} from tasks t where t.account_id = $1 and t.id = $2${lock ? ' for update of t' : ''}`, [accountId, id]);
  return row ? toTask(row) : null;
}

export async function selectAllTasks(db: SqlExecutor): Promise<Task[]> {
  return (await db.query<TaskRow>(`select t.*, ${CALLED_FILES} from tasks t order by t.id`)).map(toTask);
}

// Only these fields may change through changeTask; the map also turns them into column names.
const CHANGE_COLUMNS: Record<keyof TaskChange, string> = {
  status: 'status', scheduleType: 'schedule_type', scheduleTime: 'schedule_time', fireTime: 'fire_time', completeTime: 'complete_time',
  runFrom: 'run_from', statusAt: 'status_at',
};

export async function updateTaskIf(
  db: SqlExecutor, accountId: number, id: number, from: TaskStatus, change: TaskChange,
): Promise<Task | null> {
  const sets: string[] = [];
  const values: SqlValue[] = [accountId, id, from];
  for (const [key, column] of Object.entries(CHANGE_COLUMNS) as Array<[keyof TaskChange, string]>) {
    if (!(key in change)) continue;
    values.push(change[key] ?? null);
    sets.push(`${column} = $${values.length}`);
  }
  if (sets.length === 0) return selectTask(db, accountId, id);
  const [row] = await db.query<TaskRow>(
    `with t as (update tasks set ${sets.join(', ')} where account_id = $1 and id = $2 and status = $3 returning *)
     select t.*, ${CALLED_FILES} from t`, values);
  return row ? toTask(row) : null;
}

export async function deleteTaskIf(db: SqlExecutor, accountId: number, id: number, from: TaskStatus): Promise<boolean> {
  const rows = await db.query('delete from tasks where account_id = $1 and id = $2 and status = $3 returning id', [accountId, id, from]);
  return rows.length > 0;
}

export async function selectTaskPage(
  db: SqlExecutor, accountId: number, filter: TaskFilter, page: Page,
): Promise<{ tasks: Task[]; total: number }> {
  const where = ['t.account_id = $1'];
  const values: SqlValue[] = [accountId];
  const add = (clause: (n: number) => string, value: SqlValue) => { values.push(value); where.push(clause(values.length)); };
  // position() is an exact, case-sensitive substring test: no LIKE wildcards to escape (D3).
  if (filter.nameContains !== undefined) add((n) => `position($${n} in t.name) > 0`, filter.nameContains);
  if (filter.status !== undefined) add((n) => `t.status = $${n}`, filter.status);
  if (filter.createdFrom !== undefined) add((n) => `t.created_at >= $${n}`, filter.createdFrom);
  if (filter.createdTo !== undefined) add((n) => `t.created_at < $${n}`, filter.createdTo);
  values.push(page.limit, page.offset);
  const rows = await db.query<TaskRow>(
    `select t.*, ${CALLED_FILES}, count(*) over () as full_count from tasks t where ${where.join(' and ')}
     order by t.id desc limit $${values.length - 1} offset $${values.length}`, values);
  if (rows.length === 0 && page.offset > 0) {
    const [c] = await db.query<{ n: number }>(`select count(*)::int as n from tasks t where ${where.join(' and ')}`, values.slice(0, -2));
    return { tasks: [], total: c?.n ?? 0 };
  }
  return { tasks: rows.map(toTask), total: Number(rows[0]?.full_count ?? 0) };
}

export async function addTotalCount(db: SqlExecutor, id: number, added: number): Promise<void> {
  await db.query('update tasks set total_count = total_count + $2 where id = $1', [id, added]);
}

export async function selectTasksByIds(db: SqlExecutor, ids: number[]): Promise<Task[]> {
  return (await db.query<TaskRow>(`select t.*, ${CALLED_FILES} from tasks t where t.id = any($1::bigint[])`, [ids.map(String)])).map(toTask);
}

/** Reset: every task goes, with its batches, callees and calls (cascade); ids are never reused. */
export async function deleteAllTasks(db: SqlExecutor): Promise<void> {
  await db.query('delete from tasks');
}
