// SQL for robots and caller numbers, including an account's demo seed.
import { DEMO_CALLER_NUMBERS, DEMO_ROBOTS, demoAsrId } from '../../domain/seed.js';
import type { AuditStatus, Robot, RobotInput } from '../../domain/types.js';
import type { SqlExecutor } from '../executor.js';

interface RobotRow {
  id: number; account_id: number; name: string; robot_type: string; audit_status: string;
  asr_id: string; asr_type: string; remark: string; dialog: unknown; seed_index: number | null; created_at: number; modified_at: number;
}

const toRobot = (r: RobotRow): Robot => ({
  id: r.id, accountId: r.account_id, name: r.name, robotType: r.robot_type, auditStatus: r.audit_status as AuditStatus,
  asrId: r.asr_id, asrType: r.asr_type, remark: r.remark, dialog: r.dialog ?? null, seedIndex: r.seed_index,
  createdAt: r.created_at, modifiedAt: r.modified_at,
});

export async function insertDemoSeed(db: SqlExecutor, accountId: number, now: number): Promise<void> {
  for (const [index, seed] of DEMO_ROBOTS.entries()) {
    const [row] = await db.query<{ id: number }>(
      `insert into robots (account_id, name, robot_type, audit_status, asr_id, asr_type, remark, seed_index, created_at, modified_at)
       values ($1, $2, 'CUSTOM', $3, '', '1', $4, $5, $6, $6) returning id`,
      [accountId, seed.name, seed.auditStatus, seed.remark, index, now]);
    await db.query('update robots set asr_id = $2 where id = $1', [row!.id, demoAsrId(row!.id)]);
  }
  await db.query(
    'insert into caller_numbers (account_id, number) select $1, unnest($2::text[]) on conflict do nothing',
    [accountId, DEMO_CALLER_NUMBERS]);
}

export async function selectRobots(db: SqlExecutor, accountId?: number): Promise<Robot[]> {
  const rows = accountId === undefined
    ? await db.query<RobotRow>('select * from robots order by id')
    : await db.query<RobotRow>('select * from robots where account_id = $1 order by id', [accountId]);
  return rows.map(toRobot);
}

export async function selectRobot(db: SqlExecutor, accountId: number, robotId: number): Promise<Robot | null> {
  const [row] = await db.query<RobotRow>('select * from robots where account_id = $1 and id = $2', [accountId, robotId]);
  return row ? toRobot(row) : null;
}

export async function selectCallerNumbers(db: SqlExecutor, accountId?: number): Promise<Array<{ accountId: number; number: string }>> {
  const rows = accountId === undefined
    ? await db.query<{ account_id: number; number: string }>('select * from caller_numbers order by account_id, number')
    : await db.query<{ account_id: number; number: string }>('select * from caller_numbers where account_id = $1 order by number', [accountId]);
  return rows.map((r) => ({ accountId: r.account_id, number: r.number }));
}

/**
 * Creates or replaces robot `robotId` of the account. Robot ids are global: one held by another
 * account is refused (null), so no account can name another's robot.
 */
export async function upsertRobot(db: SqlExecutor, accountId: number, robotId: number | null, input: RobotInput, now: number): Promise<{ robot: Robot; created: boolean } | null> {
  const dialog = input.dialog === null ? null : JSON.stringify(input.dialog);
  // A null id takes the next from the sequence: a new robot whose id nobody had to pick.
  const [row] = await db.query<RobotRow & { created: boolean }>(
    `insert into robots (id, account_id, name, robot_type, audit_status, dialog, asr_id, asr_type, remark, created_at, modified_at)
     values (coalesce($1::bigint, nextval('robot_ids')), $2, $3, 'CUSTOM', $4, $5::jsonb, '', '1', '', $6, $6)
     on conflict (id) do update set name = excluded.name, audit_status = excluded.audit_status, dialog = excluded.dialog,
       modified_at = excluded.modified_at
     where robots.account_id = excluded.account_id
     returning *, (xmax = 0) as created`,
    [robotId, accountId, input.name, input.auditStatus, dialog, now]);
  if (!row) return null;
  if (row.created) {
    await db.query('update robots set asr_id = $2 where id = $1', [row.id, demoAsrId(row.id)]);
    row.asr_id = demoAsrId(row.id);
    // Keep the id sequence ahead of ids chosen by hand, so a later seeded robot never collides.
    await db.query(`select setval('robot_ids', $1::bigint) where $1::bigint > (select last_value from robot_ids)`, [row.id]);
  }
  return { robot: toRobot(row), created: row.created };
}

/** Puts every account's robots and caller numbers back to the demo seed, keeping seeded robots' ids. */
export async function resetRobotsToSeed(db: SqlExecutor, now: number): Promise<void> {
  await db.query('delete from robots where seed_index is null');
  for (const [index, seed] of DEMO_ROBOTS.entries()) {
    await db.query(
      'update robots set name = $2, audit_status = $3, remark = $4, dialog = null, modified_at = $5 where seed_index = $1',
      [index, seed.name, seed.auditStatus, seed.remark, now]);
  }
  await db.query('delete from caller_numbers');
  await db.query('insert into caller_numbers (account_id, number) select a.id, n from accounts a cross join unnest($1::text[]) as n',
    [DEMO_CALLER_NUMBERS]);
}

/** Adds a caller number the account owns; false if it had it already. */
export async function insertCallerNumber(db: SqlExecutor, accountId: number, number: string): Promise<boolean> {
  const rows = await db.query('insert into caller_numbers (account_id, number) values ($1, $2) on conflict do nothing returning number', [accountId, number]);
  return rows.length > 0;
}

export async function deleteCallerNumber(db: SqlExecutor, accountId: number, number: string): Promise<boolean> {
  return (await db.query('delete from caller_numbers where account_id = $1 and number = $2 returning number', [accountId, number])).length > 0;
}
