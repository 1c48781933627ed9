import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { sheetRows } from './callee-sheet.js';

const rowsOf = async (file: Buffer, format: 'xlsx' | 'csv') => {
  const rows: string[][] = [];
  for await (const batch of sheetRows(file, format)) rows.push(...batch);
  return rows;
};

test('cells read as the sheet shows them: numbers whole, dates by day (and time), blanks kept in place, formulas by result, rich text joined', async () => {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('s');
  sheet.addRows([
    ['number', 'a', 'b', 'c'],
    [13800000001, null, new Date(Date.UTC(2026, 0, 15)), { richText: [{ text: '张' }, { text: '三' }] }],
    ['013800000002', 2.5, new Date(Date.UTC(2026, 0, 15, 9, 30, 5)), { formula: '1+1', result: 2 }],
    [],
    ['13800000003'],
  ]);
  sheet.getColumn(3).numFmt = 'yyyy-mm-dd hh:mm:ss';
  const rows = await rowsOf(Buffer.from(await wb.xlsx.writeBuffer()), 'xlsx');
  assert.deepEqual(rows, [
    ['number', 'a', 'b', 'c'],
    ['13800000001', '', '2026-01-15', '张三'],
    ['013800000002', '2.5', '2026-01-15 09:30:05', '2'],
    ['13800000003'],
  ]);
});

test('CSV: quoted commas and newlines, a byte-order mark, blank lines, rows of differing length', async () => {
  const csv = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('number,name\r\n13800000001,"张,三"\r\n\r\n13800000002,"two\nlines",extra\n13800000003\n')]);
  assert.deepEqual(await rowsOf(csv, 'csv'), [['number', 'name'], ['13800000001', '张,三'], ['13800000002', 'two\nlines', 'extra'], ['13800000003']]);
});
