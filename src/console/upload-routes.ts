// Spreadsheets of callees through the console (docs/console.md): checked, or added to a task, with
// progress streamed back as NDJSON while the rows are read.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { importSheet } from '../app/callee-import.js';
import { SheetError, sheetFormat, sheetRows } from '../app/callee-sheet.js';
import { findTask } from '../app/task-queries.js';
import { assertUploadable } from '../domain/task-status.js';
import { CONSOLE_HEADERS } from './console-assets.js';
import { ConsoleError, toConsoleError } from './console-error.js';
import { contextOf, type ConsoleDeps } from './console-deps.js';
import { idParam } from './console-params.js';

/** A 300,000-row workbook with a few TTS columns is about 10 MB; CSV of long values can be several times that. */
export const MAX_SHEET_BYTES = 64 * 1024 * 1024;

/**
 * Spreadsheets read at once by this process, and by one account: each holds its file (up to
 * 64 MiB) and its rows in memory and keeps a core busy; eight at once took 3.5 GB and stalled every
 * other request. One per account keeps one account from taking every slot.
 */
export const MAX_SHEETS_AT_ONCE = 4;

type Upload = { Params: { id?: string }; Querystring: { name?: string }; Body: Buffer | undefined };

export function registerUploadRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  let reading = 0;
  const readingFor = new Set<number>();
  const upload = (taskOf: (request: FastifyRequest<Upload>) => number | null) => async (request: FastifyRequest<Upload>, reply: FastifyReply) => {
    const name = String(request.query.name ?? '');
    const format = sheetFormat(name);
    if (format === null || name.length > 255) throw new ConsoleError(400, 'InvalidFileName', 'name must be the file name, ending in .xlsx or .csv.');
    const body = request.body;
    if (!Buffer.isBuffer(body) || body.length === 0) throw new ConsoleError(400, 'MissingFile', 'The body must be the file.');
    const taskId = taskOf(request);
    const ctx = contextOf(deps, request, 'UploadRobotTaskCalledFile');
    // An unknown task (or another account's), or one that takes no more numbers, answers before the file is read.
    if (taskId !== null) assertUploadable(await findTask(ctx, taskId));
    const account = ctx.account.id;
    if (readingFor.has(account) || reading >= MAX_SHEETS_AT_ONCE) {
      const why = readingFor.has(account) ? 'Another spreadsheet of this account is being read' : `${MAX_SHEETS_AT_ONCE} spreadsheets are being read`;
      throw new ConsoleError(429, 'Throttling', `${why}: send it again in a moment.`, { 'retry-after': '5' });
    }
    // Counted until the reading ends, even if the client has gone: the work is still being done.
    reading++;
    readingFor.add(account);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { ...CONSOLE_HEADERS, 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' });
    const line = (value: unknown) => res.write(`${JSON.stringify(value)}\n`);
    try {
      const report = await importSheet(ctx, taskId, sheetRows(body, format), (rows) => line({ progress: { rows } }));
      line({ done: report });
    } catch (err) {
      const failure = err instanceof SheetError ? new ConsoleError(400, 'InvalidFile', `The file was refused: ${err.message}.`) : toConsoleError(err, deps.log);
      line({ failed: { code: failure.code, message: failure.message } });
    } finally {
      reading--;
      readingFor.delete(account);
    }
    res.end();
  };
  app.post<Upload>('/callees/check', { bodyLimit: MAX_SHEET_BYTES }, upload(() => null));
  app.post<Upload>('/tasks/:id/callees', { bodyLimit: MAX_SHEET_BYTES }, upload((r) => idParam(r.params.id ?? '')));
}
