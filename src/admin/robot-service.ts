// Creating, replacing and re-auditing a robot (docs/decisions.md D12), shared by the admin API
// (`PUT /_robotcall/accounts/:account/robots/:robotId`) and `robotcall robots put FILE`.
import { AdminError } from './admin-error.js';
import { effectiveDialog } from '../dialog/demo-dialogs.js';
import { DialogError, validateDialog } from '../dialog/dialog-format.js';
import { jsonTextProblem, hasControlChar } from '../domain/plain-text.js';
import { AUDIT_STATUSES, type Account, type AuditStatus, type Robot } from '../domain/types.js';
import type { Store } from '../store/store.js';

/** `ref` is an account id, one of its AccessKeyIds, or its name (`keys create --account NAME`). */
export async function resolveAccount(store: Store, ref: string): Promise<Account> {
  const notFound = () => new AdminError(404, `no account ${ref} (give an account id, one of its AccessKeyIds, or its name)`);
  // A control character names nothing, and must not reach PostgreSQL (it cannot hold NUL).
  if (hasControlChar(ref)) throw notFound();
  // An id past 2^53 cannot exist (and one past 2^63 failed the query on PostgreSQL).
  const byId = /^\d{1,16}$/.test(ref) && Number.isSafeInteger(Number(ref)) ? await store.findAccount(Number(ref)) : null;
  if (byId) return byId;
  const key = await store.findAccessKey(ref);
  const byKey = key ? await store.findAccount(key.accountId) : null;
  if (byKey) return byKey;
  const byName = ref.length <= 64 ? await store.findAccountByName(ref) : null;
  if (!byName) throw notFound();
  return byName;
}

/**
 * Bounds of a robot id chosen by hand (13 digits, compared as text). Generated ids continue past the
 * highest id ever stored (robot_ids is moved ahead of hand-chosen ones): a hand-chosen 9999999999999
 * made the next generated id 14 digits. Stopping at 8999999999999 leaves 10^12 generated ids of 13.
 */
export const MIN_ROBOT_ID = '1000000000000';
export const MAX_CHOSEN_ROBOT_ID = '8999999999999';

/**
 * Applies `{name?, auditStatus?, dialog?}` to robot `robotId` of the account, or to a new robot
 * with the next free id when `robotIdText` is null: fields left out keep their value (a new robot
 * needs a name; its audit status defaults to AUDITPASS). The dialog is validated; a robot id of
 * another account is refused.
 */
export async function putRobot(store: Store, account: Account, robotIdText: string | null, body: Record<string, unknown>, now: number): Promise<{ robot: Robot; created: boolean }> {
  const badId = () => new AdminError(400, `robotId must be 13 digits from ${MIN_ROBOT_ID} to ${MAX_CHOSEN_ROBOT_ID}, like 1000000075003 (or the id of a robot of the account)`);
  if (robotIdText !== null && !(/^\d{13}$/.test(robotIdText) && robotIdText >= MIN_ROBOT_ID)) throw badId();
  // `robots put FILE` comes here without the admin API's body check.
  const problem = jsonTextProblem(body);
  if (problem !== null) throw new AdminError(400, `the robot ${problem}`);
  const robotId = robotIdText === null ? null : Number(robotIdText);
  const current = robotId === null ? null : await store.findRobot(account.id, robotId);
  // A generated id past the bound still names its robot, to replace or re-audit it.
  if (robotIdText !== null && !current && robotIdText > MAX_CHOSEN_ROBOT_ID) throw badId();
  const name = body.name ?? current?.name;
  if (typeof name !== 'string' || name.length === 0 || [...name].length > 50) throw new AdminError(400, 'name must be a text of 1 to 50 characters');
  const auditStatus = body.auditStatus ?? current?.auditStatus ?? 'AUDITPASS';
  if (!AUDIT_STATUSES.includes(auditStatus as AuditStatus)) throw new AdminError(400, `auditStatus must be one of ${AUDIT_STATUSES.join(', ')}`);
  let dialog: unknown = current?.dialog ?? null;
  if (Object.hasOwn(body, 'dialog')) {
    try {
      dialog = body.dialog === null ? null : validateDialog(body.dialog);
    } catch (err) {
      if (err instanceof DialogError) throw new AdminError(400, err.message);
      throw err;
    }
  }
  const saved = await store.saveRobot(account.id, robotId, { name, auditStatus: auditStatus as AuditStatus, dialog }, now);
  if (!saved) throw new AdminError(409, `robot id ${robotId} belongs to another account`);
  return saved;
}

/** A robot as the admin API and the CLI show it; `dialog` is the one it speaks (a demo robot's own, if none was set). */
export function robotView(r: Robot) {
  return { robotId: r.id, name: r.name, auditStatus: r.auditStatus, dialog: effectiveDialog(r.dialog, r.seedIndex), seeded: r.seedIndex !== null };
}
