// The numbers an account may show as Caller / CalledShowNumber (checked unless IsSelfLine), beyond
// the four demo numbers every account starts with: added and removed through the admin API and
// `robotcall callers`, so code that uses its real caller numbers runs unchanged.
import { AdminError } from './admin-error.js';
import { CALLER_NUMBER } from '../domain/phone-number.js';
import type { Account } from '../domain/types.js';
import type { Store } from '../store/store.js';

/** Far more than any campaign shows; a bound on what the ownership check reads on every CreateRobotTask. */
export const MAX_CALLER_NUMBERS = 1_000;

function checkForm(number: string): void {
  if (!CALLER_NUMBER.test(number)) throw new AdminError(400, `"${number.slice(0, 40)}" is not a caller number (3-20 digits; a leading + and inner hyphens allowed)`);
}

/** Adds `number` to the account's caller numbers; true if it is new. */
export async function addCallerNumber(store: Store, account: Account, number: string): Promise<boolean> {
  checkForm(number);
  const owned = await store.listCallerNumbers(account.id);
  if (owned.includes(number)) return false;
  if (owned.length >= MAX_CALLER_NUMBERS) throw new AdminError(409, `the account has ${owned.length} caller numbers, the most it may have`);
  return store.addCallerNumber(account.id, number);
}

export async function removeCallerNumber(store: Store, account: Account, number: string): Promise<void> {
  checkForm(number);
  if (!(await store.removeCallerNumber(account.id, number))) throw new AdminError(404, `the account has no caller number ${number}`);
}
