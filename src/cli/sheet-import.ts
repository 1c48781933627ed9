// What `robotcall import` does once its arguments are checked (import-command.ts): the file read as a
// stream by the console's reader, its rows judged by the console's rules, the valid ones uploaded in
// batches while the rest is read. A module of its own so the spreadsheet reader loads only here.
import { readFile, stat } from 'node:fs/promises';
import { InvalidArgumentError } from 'commander';
import { CalleeRows } from '../app/callee-rows.js';
import { SheetError, sheetFormat, sheetRows } from '../app/callee-sheet.js';
import { apiClient, type ApiFlags } from './api-options.js';
import { EXIT } from './api-command.js';
import { CalleeUploader, DEFAULT_LIMITS } from './callee-uploader.js';
import { ImportProgress } from './import-progress.js';
import { ImportReport } from './import-report.js';
import { taskDetail, taskRow } from './task-lookup.js';

export interface ImportFlags extends ApiFlags { errors?: string; json?: boolean; quiet?: boolean; batchRows?: number }

/** The console's bound on a spreadsheet (docs/console.md): the compressed file is held while its rows stream. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

export async function importFile(taskId: number, file: string, flags: ImportFlags): Promise<number> {
  const format = sheetFormat(file);
  if (format === null) throw new InvalidArgumentError(`${file}: the file must end in .xlsx or .csv`);
  const size = (await stat(file).catch((err: Error) => { throw new Error(`cannot read ${file}: ${err.message}`); })).size;
  if (size > MAX_FILE_BYTES) throw new Error(`${file} is over 64 MiB (${(size / 1024 / 1024).toFixed(1)} MiB)`);
  const { call } = apiClient(flags, 'POST');
  // An unknown task is refused before the file is read; its counter says later what the file added.
  const task = await taskDetail(call, taskId);
  const before = (await taskRow(call, task))?.totalCount ?? null;

  const report = await ImportReport.open(flags.errors);
  const progress = new ImportProgress(flags.quiet === true || flags.json === true);
  const judge = new CalleeRows();
  let uploader: CalleeUploader | null = null;
  let valid = 0;
  const show = (force = false) => progress.update(judge.rows, uploader?.sent ?? 0, report.refused, force);
  try {
    for await (const batch of sheetRows(await readFile(file), format)) {
      for (const cells of batch) {
        const verdict = judge.take(cells);
        if (verdict === null) {
          uploader = new CalleeUploader(call, taskId, judge.variables!, { ...DEFAULT_LIMITS, rows: flags.batchRows ?? DEFAULT_LIMITS.rows }, () => show());
        } else if (verdict.kind === 'valid') {
          valid++;
          const sending = uploader!.add(verdict.number, verdict.values);
          if (sending) await sending;
        } else {
          const writing = report.refuse(verdict);
          if (writing) await writing;
        }
      }
      show();
    }
    judge.assertHeader();
    await uploader!.finish();
    await report.close();
  } catch (err) {
    report.discard();
    show(true);
    progress.done();
    if (uploader && uploader.sent > 0) console.error(`robotcall import: ${count(uploader.sent, 'row')} (${count(uploader.uploads, 'upload')}) were added to task ${taskId} before this`);
    if (err instanceof SheetError) throw new Error(`${file} was refused: ${err.message}`, { cause: err });
    throw err;
  }
  show(true);
  progress.done();

  const after = before === null ? null : (await taskRow(call, task))?.totalCount ?? null;
  const added = before === null || after === null ? null : after - before;
  const summary = {
    taskId, file, rows: judge.rows, valid, sent: uploader!.sent, uploads: uploader!.uploads, added,
    alreadyInTask: added === null ? null : valid - added, variables: judge.variables,
    errors: report.errors, duplicates: report.duplicates,
  };
  if (flags.json) console.log(JSON.stringify(summary));
  else printSummary(summary, report, flags.errors);
  return report.refused > 0 ? EXIT.rowsRefused : EXIT.ok;
}

/** `1 upload`, `2 uploads`, `300,000 rows`. */
const count = (x: number, noun: string) => `${x.toLocaleString('en-US')} ${noun}${x === 1 ? '' : 's'}`;

function printSummary(s: { taskId: number; rows: number; valid: number; sent: number; uploads: number; added: number | null; alreadyInTask: number | null },
  report: ImportReport, errorsFile: string | undefined): void {
  const n = (x: number) => x.toLocaleString('en-US');
  const shown = 100;
  const refused = report.sample();
  for (const r of refused.slice(0, shown)) console.log(`row ${r.row}\t${r.number}\t${r.reason}`);
  if (report.refused > shown) console.log(`... ${n(report.refused - shown)} more refused rows${errorsFile ? ` (all in ${errorsFile})` : ' (--errors FILE.csv lists them all)'}`);
  const task = s.added === null ? '' : `; the task gained ${n(s.added)} numbers (${n(s.alreadyInTask!)} it had already)`;
  console.log(`task ${s.taskId}: ${count(s.rows, 'row')} read, ${n(s.valid)} valid, ${n(s.sent)} sent in ${count(s.uploads, 'upload')}${task}; `
    + `${n(report.errors.count)} invalid, ${n(report.duplicates.count)} repeating an earlier row`);
}
