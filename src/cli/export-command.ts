// `robotcall export <taskId> --calls FILE.csv|FILE.xlsx`: every call of a task as QueryRobotTaskCallList
// shows them, one row per callee with an ended call (its latest attempt), paged 100 at a time and written
// as each page comes. That action, not the call-detail ones: it is the API's one listing of a task's calls
// (the detail APIs answer one callee per request and need its number first), and its rows are what the
// console and Alibaba's own reports show per callee (README "CLI: API commands").
import { InvalidArgumentError, type Command } from 'commander';
import { apiClient, withApiOptions, type ApiFlags } from './api-options.js';
import { callOk, dataOf, runApiCommand } from './api-command.js';
import { FINAL_STATUSES, taskDetail, taskIdOption } from './task-lookup.js';

interface ExportFlags extends ApiFlags { calls?: string; json?: boolean }

const PAGE = 100;
/** 300,000 callees a task, 100 a page. */
const MAX_PAGES = 3_000;

export function registerExportCommand(program: Command): void {
  const command = program.command('export')
    .description('write every call of a task (QueryRobotTaskCallList: each callee\'s latest call) to a .csv or .xlsx')
    .argument('<taskId>', 'the task', taskIdOption)
    .requiredOption('--calls <file>', 'the file to write: .csv (UTF-8 with a byte-order mark, for Excel) or .xlsx')
    .option('--json', 'print the summary as JSON')
    .addHelpText('after', '\nExit codes: 0 written; 2 the API refused (the answer is printed); 1 a usage error, a file that cannot be written, no answer.');
  withApiOptions(command).action((taskId: number, flags: ExportFlags) => runApiCommand(async () => {
    const file = flags.calls!;
    if (!/\.(csv|xlsx)$/i.test(file)) throw new InvalidArgumentError(`${file}: --calls must name a .csv or .xlsx file`);
    const { call } = apiClient(flags, 'POST');
    const task = await taskDetail(call, taskId);
    // A running task's list moves while it is paged (a call that ends slots in by its first dial).
    if (!FINAL_STATUSES.has(task.status)) console.error(`robotcall export: task ${taskId} is ${task.status}: the calls that have ended so far are exported`);
    // The .xlsx writer (exceljs) is loaded when an export runs: every other command starts without it.
    const sink = (await import('./call-export.js')).callSink(file);
    let calls = 0;
    try {
      for (let page = 1; page <= MAX_PAGES; page++) {
        const rows = dataOf<Array<Record<string, unknown>>>(await callOk(call, 'QueryRobotTaskCallList', { TaskId: taskId, PageNo: page, PageSize: PAGE }));
        for (const row of rows) {
          const writing = sink.row(row);
          if (writing) await writing;
        }
        calls += rows.length;
        if (rows.length < PAGE) break;
      }
      await sink.close();
    } catch (err) {
      sink.discard();
      throw err;
    }
    if (flags.json) console.log(JSON.stringify({ taskId, status: task.status, calls, file }));
    else console.log(`task ${taskId} (${task.status}): ${calls.toLocaleString('en-US')} calls written to ${file}`);
  }));
}
