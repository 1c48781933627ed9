// Spreadsheets of callees as a user would make them: .xlsx written by exceljs, .csv as text.
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
