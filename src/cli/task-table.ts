// The `robotcall tasks` table: one line per task with its status and a progress bar of
// finishCount/totalCount, as QueryRobotTaskList gives them (docs/api/QueryRobotTaskList.md).
import { progressBar } from './progress-bar.js';

/** A QueryRobotTaskList row, as the API sends it. */
export interface TaskRow {
  id: number;
  taskName: string;
  status: string;
  createTime: string;
  totalCount: number;
  finishCount: number;
}

const BAR = 20;

/** The table's lines: a header, then one per task (the name last, so wide characters never misalign a column). */
export function taskTable(tasks: readonly TaskRow[]): string[] {
  if (tasks.length === 0) return ['no tasks'];
  const idWidth = Math.max(2, ...tasks.map((t) => String(t.id).length));
  const countWidth = Math.max(...tasks.map((t) => `${t.finishCount}/${t.totalCount}`.length));
  const statusWidth = Math.max(6, ...tasks.map((t) => t.status.length));
  const header = `${'ID'.padEnd(idWidth)}  ${'STATUS'.padEnd(statusWidth)}  ${'PROGRESS'.padEnd(BAR + 6 + countWidth)}  ${'CREATED'.padEnd(19)}  NAME`;
  return [header, ...tasks.map((t) => {
    const count = `${t.finishCount}/${t.totalCount}`.padStart(countWidth);
    return `${String(t.id).padEnd(idWidth)}  ${t.status.padEnd(statusWidth)}  ${progressBar(t.finishCount, t.totalCount, BAR)} ${count}  ${t.createTime.padEnd(19)}  ${t.taskName}`;
  })];
}

/** The line cut to `columns` terminal cells (CJK characters take two), so a redraw never wraps. */
export function fitWidth(line: string, columns: number): string {
  let width = 0;
  let out = '';
  for (const ch of line) {
    width += isWide(ch.codePointAt(0)!) ? 2 : 1;
    if (width > columns) return out;
    out += ch;
  }
  return out;
}

/** East Asian wide and fullwidth ranges (Unicode UAX #11), the ones task names use. */
function isWide(cp: number): boolean {
  return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3)
    || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60)
    || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) || (cp >= 0x20000 && cp <= 0x3fffd);
}
