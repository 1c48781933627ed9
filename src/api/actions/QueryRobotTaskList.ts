// QueryRobotTaskList: the account's tasks newest first, filtered and paged (api/QueryRobotTaskList.md, D3).
import { defineAction } from '../action.js';
import { invalid } from '../errors.js';
import { MAX_TASK_NAME } from '../param-limits.js';
import { integer, oneOf, optional, text } from '../param-schema.js';
import { taskListRow } from '../task-view.js';
import { TASK_STATUSES } from '../../domain/types.js';
import { parseLocalDate } from '../../domain/zoned-time.js';

const DAY_MS = 86_400_000;

export default defineAction({
  params: {
    // A substring of a task name is no longer than a name.
    TaskName: optional(text(MAX_TASK_NAME)),
    Status: optional(oneOf(TASK_STATUSES)),
    Time: optional(text('yyyy-MM-dd'.length)),
    PageNo: optional(integer(1)),
    PageSize: optional(integer(1, 100)),
  },
  async handle(p, ctx) {
    let createdFrom: number | undefined;
    let createdTo: number | undefined;
    if (p.Time !== undefined) {
      const day = parseLocalDate(p.Time, ctx.timezone);
      if (day === null) throw invalid('Time', 'Time must be a date, yyyy-MM-dd.');
      createdFrom = day;
      // The next date's local midnight (calendar arithmetic), so a 23- or 25-hour DST day stays whole.
      const nextDate = new Date(Date.parse(`${p.Time}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
      createdTo = parseLocalDate(nextDate, ctx.timezone)!;
    }
    const pageNo = p.PageNo ?? 1;
    const pageSize = p.PageSize ?? 10;
    const { tasks, total } = await ctx.store.listTasks(
      ctx.account.id,
      { nameContains: p.TaskName, status: p.Status, createdFrom, createdTo },
      { offset: (pageNo - 1) * pageSize, limit: pageSize });
    return {
      PageNo: String(pageNo),
      PageSize: String(pageSize),
      TotalCount: String(total),
      Data: JSON.stringify(tasks.map((t) => taskListRow(t, ctx.timezone))),
    };
  },
});
