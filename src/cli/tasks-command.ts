// `robotcall tasks [--watch] [--json]`: the account's tasks through QueryRobotTaskList, newest first,
// with status and progress; --watch redraws in place on a terminal, and elsewhere prints again only
// what changed, so a log or a pipe gets no escape codes (README "CLI: API commands").
import { InvalidArgumentError, type Command } from 'commander';
import { apiClient, secondsOption, withApiOptions, type ApiFlags } from './api-options.js';
import { callOk, dataOf, runApiCommand } from './api-command.js';
import { TransportError, type RpcCall } from './rpc-client.js';
import { fitWidth, taskTable, type TaskRow } from './task-table.js';

interface TasksFlags extends ApiFlags { status?: string; name?: string; limit?: number; watch?: boolean; interval?: number; json?: boolean }

export function registerTasksCommand(program: Command): void {
  const command = program.command('tasks')
    .description('list tasks with status and progress (QueryRobotTaskList), newest first')
    .option('--status <status>', 'only tasks in this status (INIT, READY, EXCUTING, FINISH, ...)')
    .option('--name <text>', 'only tasks whose name contains this text')
    .option('--limit <n>', 'at most this many tasks, 1-1000 (default 20)', countOption)
    .option('--watch', 'redraw until interrupted (Ctrl-C)')
    .option('--interval <seconds>', 'seconds between redraws with --watch, 0.5-3600 (default 2)', secondsOption(0.5, 3600))
    .option('--json', 'print the rows as the API gives them, one JSON array (a line per refresh with --watch)')
    .addHelpText('after', '\nExit codes: 0 listed (--watch: interrupted); 2 the API refused (the answer is printed); 1 a usage error or no answer.');
  withApiOptions(command).action((flags: TasksFlags) => runApiCommand(async () => {
    const { call } = apiClient(flags, 'POST');
    const read = () => readTasks(call, flags);
    if (!flags.watch) {
      const tasks = await read();
      console.log(flags.json ? JSON.stringify(tasks) : taskTable(tasks).join('\n'));
      return;
    }
    await watch(read, flags);
  }));
}

function countOption(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > 1000) throw new InvalidArgumentError('must be an integer from 1 to 1000');
  return n;
}

/** Pages of at most 100 (the API's largest) until the limit or a short page. */
async function readTasks(call: RpcCall, flags: TasksFlags): Promise<TaskRow[]> {
  const limit = flags.limit ?? 20;
  const tasks: TaskRow[] = [];
  for (let page = 1; tasks.length < limit; page++) {
    const size = Math.min(100, limit);
    const body = await callOk(call, 'QueryRobotTaskList', {
      PageNo: page, PageSize: size, ...(flags.status ? { Status: flags.status } : {}), ...(flags.name ? { TaskName: flags.name } : {}),
    });
    const rows = dataOf<TaskRow[]>(body);
    tasks.push(...rows.slice(0, limit - tasks.length));
    if (rows.length < size) break;
  }
  return tasks;
}

async function watch(read: () => Promise<TaskRow[]>, flags: TasksFlags): Promise<void> {
  const tty = process.stdout.isTTY === true && !flags.json;
  let drawn = 0;
  let last = '';
  let stopped = false;
  let notice = '';
  let wake = () => {};
  const stop = () => { stopped = true; wake(); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    while (!stopped) {
      let lines: string[] | null = null;
      try {
        const tasks = await read();
        lines = flags.json ? [JSON.stringify(tasks)] : taskTable(tasks);
        notice = '';
      } catch (err) {
        // A server restarting is waited out, said on stderr (stdout carries only tables or JSON); a
        // refusal (a disabled key) ends the watch.
        if (!(err instanceof TransportError)) throw err;
        const text = `robotcall: ${err.message} (trying again every ${flags.interval ?? 2} s)`;
        if (text !== notice) console.error(text);
        notice = text;
      }
      const text = lines?.join('\n') ?? last;
      if (lines === null) {
        // Nothing new to show.
      } else if (tty) {
        const width = process.stdout.columns || 200;
        const frame = [`every ${flags.interval ?? 2} s, Ctrl-C to stop`, ...lines].map((l) => `${fitWidth(l, width - 1)}\x1b[K`);
        // Back over the last frame and write over it line by line, then clear what it left below: no blank flash.
        process.stdout.write(`${drawn > 0 ? `\x1b[${drawn}A\r` : ''}${frame.join('\n')}\n\x1b[J`);
        drawn = frame.length;
      } else if (text !== last) {
        process.stdout.write(`${text}\n${flags.json ? '' : '\n'}`);
      }
      last = text;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, (flags.interval ?? 2) * 1000);
        wake = () => { clearTimeout(timer); resolve(); };
      });
    }
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
