// What no refused request may change: every task of the caller's account with its detail, read
// through the API, as one comparable text.
import { data, type Caller } from './clients.js';

export async function storedTasks(call: Caller): Promise<string> {
  const list = await call('QueryRobotTaskList', { PageSize: 100 });
  const rows = data<Array<{ id: number }>>(list);
  const details = await Promise.all(rows.map(async (r) => (await call('QueryRobotTaskDetail', { Id: r.id })).body.Data));
  return JSON.stringify({ rows, details, total: list.body.TotalCount });
}

/** The byte order mark and the bidi embeddings, overrides and isolates: they hide or reorder text. */
export const INVISIBLE_FORMATTING = ['\ufeff', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];

/**
 * Characters no stored text may hold (C0 controls, DEL, noncharacters, BOM, bidi controls): each must be refused. Lone
 * surrogates too, but only JSON escapes can carry one: a client cannot percent-encode it.
 */
export const UNSTORABLE = ['\u0000', '\u0001', '\t', '\n', '\u001f', '\u007f', '\ufffe', '\uffff', ...INVISIBLE_FORMATTING];
