// SQL for robots and caller numbers, including an account's demo seed.
import { DEMO_CALLER_NUMBERS, DEMO_ROBOTS, demoAsrId } from '../../domain/seed.js';
import type { AuditStatus, Robot } from '../../domain/types.js';
import type { SqlExecutor } from '../executor.js';

interface RobotRow {
  id: number; account_id: number; name: string; robot_type: string; audit_status: string;
  asr_id: string; asr_type: string; remark: string; created_at: number; modified_at: number;
}

const toRobot = (r: RobotRow): Robot => ({
  id: r.id, accountId: r.account_id, name: r.name, robotType: r.robot_type, auditStatus: r.audit_status as AuditStatus,
  asrId: r.asr_id, asrType: r.asr_type, remark: r.remark, createdAt: r.created_at, modifiedAt: r.modified_at,
});

export async function insertDemoSeed(db: SqlExecutor, accountId: number, now: number): Promise<void> {
  for (const seed of DEMO_ROBOTS) {
    const [row] = await db.query<{ id: number }>(
      `insert into robots (account_id, name, robot_type, audit_status, asr_id, asr_type, remark, created_at, modified_at)
       values ($1, $2, 'CUSTOM', $3, '', '1', $4, $5, $5) returning id`,
      [accountId, seed.name, seed.auditStatus, seed.remark, now]);
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
