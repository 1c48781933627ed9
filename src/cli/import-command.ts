// `robotcall import <taskId> <file.xlsx|csv>`: the file read as a stream by the console's reader
// (src/app/callee-sheet.ts), its rows judged by the console's rules (src/app/callee-rows.ts), the
// valid ones sent in batches through UploadRobotTaskCalledFile while the rest is read (README "CLI: API commands").
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { withApiOptions } from './api-options.js';
import { runApiCommand } from './api-command.js';
import { DEFAULT_LIMITS } from './callee-uploader.js';
import type { ImportFlags } from './sheet-import.js';
import { taskIdOption } from './task-lookup.js';

export function registerImportCommand(program: Command): void {
  const command = program.command('import')
    .description('add the numbers of an .xlsx or .csv (row 1: number, then TTS variable names) to a task, in batches')
    .argument('<taskId>', 'the task', taskIdOption)
    .argument('<file>', 'an .xlsx (its first visible tab) or a UTF-8 .csv, at most 64 MiB and 300,000 rows')
    .option('--errors <file.csv>', 'write every refused row (row, number, reason) to this CSV')
    .option('--batch-rows <n>', `rows per upload, 1-100000 (default ${DEFAULT_LIMITS.rows}; the first takes at most ${DEFAULT_LIMITS.firstRows}, so the server starts on it early)`, batchRowsOption)
    .option('--json', 'print the summary as JSON')
    .option('--quiet', 'no progress on stderr')
    .addHelpText('after', `
Exit codes: 0 every row was added; 3 the valid rows were added and some rows were refused (invalid,
or repeating an earlier row's number; listed); 2 the API refused an upload (rows of earlier uploads
stay in the task; the summary says how many); 1 a usage error, a file that cannot be read, no answer.`);
    // The spreadsheet reader is loaded when an import runs: every other command starts without it.
  withApiOptions(command).action((taskId: number, file: string, flags: ImportFlags) => runApiCommand(async () => (await import('./sheet-import.js')).importFile(taskId, file, flags)));
}

function batchRowsOption(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > 100_000) throw new InvalidArgumentError('must be an integer from 1 to 100000');
  return n;
}
