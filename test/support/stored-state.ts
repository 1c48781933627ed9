// What no refused request may change: every task of the caller's account with its detail, read
// through the API, as one comparable text.
import { data, type Caller } from './clients.js';

export async function storedTasks(call: Caller): Promise<string> {
  const list = await call('QueryRobotTaskList', { PageSize: 100 });
  const rows = data<Array<{ id: number }>>(list);
  const details = await Promise.all(rows.map(async (r) => (await call('QueryRobotTaskDetail', { Id: r.id })).body.Data));
  return JSON.stringify({ rows, details, total: list.body.TotalCount });
}
