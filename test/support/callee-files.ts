// Spreadsheets of callees as a user would make them: .xlsx written by exceljs, .csv as text.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

export async function xlsxOf(rows: Array<Array<string | number>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('callees');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function csvOf(rows: Array<Array<string | number>>): Buffer {
  const cell = (v: string | number) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return Buffer.from(rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n');
}

/** `n` distinct valid mobile numbers starting at 138 0000 0000 + `from`. */
export function mobiles(n: number, from = 0): string[] {
  return Array.from({ length: n }, (_, i) => String(13800000000 + from + i));
}

/**
 * `rows` callees with two TTS columns (name, amount), written by exceljs's streaming writer as a
 * spreadsheet program would save one: the console's large-sheet test and the import bench read it.
 */
export async function largeCalleeWorkbook(rows: number): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('callees');
  sheet.addRow(['number', 'name', 'amount']).commit();
  for (let i = 0; i < rows; i++) sheet.addRow([String(13000000000 + i), `客户${i}`, String(i % 1000)]).commit();
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}
