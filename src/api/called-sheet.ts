// A called batch as an .xlsx sheet, written to a response at the pace its reader takes it.
// exceljs's streaming writer has no backpressure of its own: rows committed in one loop were all
// held in memory (20,000 rows of 30 TTS values took 333 MB while the reader read 100 KB).
import type { ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CalledBatch } from '../domain/types.js';

/** Rows between two checks of the pipeline: a few MB at most (a row holds at most 30 x 500 characters). */
const ROWS_PER_STEP = 100;

/** Writes the sheet, or stops early (without a valid file) once the response is gone. */
export async function writeCalledSheet(res: ServerResponse, batch: CalledBatch, sendIdleMs: number): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('called');
  sheet.addRow(['number', ...batch.ttsHead]).commit();
  const defaults = batch.ttsParams.get('all') ?? [];
  let rows = 0;
  // Every cell is a string, so numbers keep leading zeros and stay text cells.
  for (const number of batch.numbers) {
    const values = batch.ttsParams.get(number) ?? defaults;
    sheet.addRow([number, ...batch.ttsHead.map((_, i) => values[i] ?? '')]).commit();
    if (++rows % ROWS_PER_STEP === 0 && !(await caughtUp(sheet, res, sendIdleMs))) return;
  }
  sheet.commit();
  await workbook.commit();
}

/**
 * Waits until what was written so far has moved on: the sheet's consumer (the zip's compressor,
 * reached through exceljs's internal stream, which ignores backpressure) and the response have
 * room again. False once the response is closed: the reader left, or took nothing for
 * `sendIdleMs` and was cut.
 */
async function caughtUp(sheet: ExcelJS.Worksheet, res: ServerResponse, sendIdleMs: number): Promise<boolean> {
  const consumers = (sheet as unknown as { _stream?: { pipes?: Writable[] } })._stream?.pipes ?? [];
  for (;;) {
    if (res.destroyed) return false;
    const full = consumers.find(needsDrain) ?? (res.writableNeedDrain ? res : null);
    if (!full) return true;
    const moved = await new Promise<boolean>((resolve) => {
      const done = (drained: boolean) => () => {
        clearTimeout(timer);
        full.off('drain', onDrain);
        res.off('close', onClose);
        resolve(drained);
      };
      const onDrain = done(true);
      const onClose = done(false);
      const timer = setTimeout(done(false), sendIdleMs);
      full.once('drain', onDrain);
      res.once('close', onClose);
    });
    if (!moved) {
      res.destroy();
      return false;
    }
  }
}

/** exceljs's streams come from readable-stream 2/3, which predate `writableNeedDrain`. */
function needsDrain(stream: Writable): boolean {
  const state = (stream as { _writableState?: { needDrain?: boolean } })._writableState;
  return stream.writableNeedDrain ?? state?.needDrain ?? false;
}
