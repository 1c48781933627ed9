// Where `robotcall export` writes a task's calls: a CSV, or an .xlsx through exceljs's streaming writer,
// a row at a time, under a temporary name renamed at the end (no half-written file under the name asked for).
import { renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { CsvFile } from './csv-file.js';

/** QueryRobotTaskCallList's fields in the documented order (docs/api/QueryRobotTaskCallList.md), the columns of the export. */
export const CALL_COLUMNS = [
  'taskId', 'caller', 'called', 'duration', 'label', 'dialogCount', 'callResult', 'hangupDirection', 'transferResult',
  'transferNumber', 'transferFailReason', 'callId', 'recallCurTimes', 'callStartTime', 'callEndTime', 'sureCount', 'denyCount',
  'rejectCount', 'customCount', 'knowledgeCount', 'defaultCount', 'knowledgeBusinessCount', 'knowledgeCommonCount',
] as const;

export interface CallSink {
  row(call: Record<string, unknown>): Promise<void> | undefined;
  close(): Promise<void>;
  discard(): void;
}

export function callSink(file: string): CallSink {
  return /\.xlsx$/i.test(file) ? xlsxSink(file) : csvSink(file);
}

const cells = (call: Record<string, unknown>) => CALL_COLUMNS.map((k) => (call[k] === undefined || call[k] === null ? '' : String(call[k])));

function csvSink(file: string): CallSink {
  const csv = new CsvFile(file);
  const header = csv.row([...CALL_COLUMNS]);
  return {
    row: (call) => csv.row(cells(call)),
    close: async () => { await header; await csv.close(); },
    discard: () => csv.discard(),
  };
}

function xlsxSink(file: string): CallSink {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.partial`);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: temporary, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('calls');
  sheet.addRow([...CALL_COLUMNS]).commit();
  return {
    // Every value as text, as the API sends them: a number like 13800138000 stays the digits it is.
    row: (call) => { sheet.addRow(cells(call)).commit(); return undefined; },
    close: async () => {
      sheet.commit();
      await workbook.commit();
      renameSync(temporary, file);
    },
    discard: () => rmSync(temporary, { force: true }),
  };
}
