// Spreadsheets made to hurt: a shared-strings table that unpacks to gigabytes, worksheets ordered so
// a streaming reader would park them on disk, a zip that is no workbook, CSV that is not UTF-8. Each
// is refused as a whole or read without leaving anything behind (docs/console.md).
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import os from 'node:os';
import { after, before, test } from 'node:test';
import JSZip from 'jszip';
import { xlsxOf } from '../support/callee-files.js';
import { ConsoleClient } from '../support/console-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let s: TestServer;
let c: ConsoleClient;
before(async () => {
  s = await startTestServer();
  c = await ConsoleClient.signIn(s.port, s.accessKeyId, s.accessKeySecret);
});
after(async () => { await s.close(); });

const check = async (file: Buffer, name = 'f.xlsx') => (await c.upload(`/callees/check?name=${name}`, file)).lines.at(-1)!;
const tempFiles = () => readdirSync(os.tmpdir()).filter((f) => /^tmp-\d+-/.test(f));

test('a workbook saved with its worksheet before its shared strings is read, and leaves no file behind', async () => {
  const normal = await xlsxOf([['number', 'name'], ['13800000001', '张三'], ['13800000002', '李四']]);
  const zip = await JSZip.loadAsync(normal);
  assert.ok(Object.keys(zip.files).indexOf('xl/worksheets/sheet1.xml') < Object.keys(zip.files).indexOf('xl/sharedStrings.xml'),
    'exceljs saves the sheet first, so the check means something');
  const before = tempFiles();
  const done = (await check(normal)).done as { valid: number; variables: string[] };
  assert.deepEqual([done.valid, done.variables], [2, ['name']]);
  assert.deepEqual(tempFiles(), before);
});

test('shared strings that unpack to more than 64 MiB are refused before anything reads them', async () => {
  const zip = await JSZip.loadAsync(await xlsxOf([['number'], ['13800000001']]));
  zip.file('xl/sharedStrings.xml', `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${'<si><t>a</t></si>'.repeat(4_500_000)}</sst>`);
  const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
  assert.ok(bomb.length < 2_000_000, `a small file (${bomb.length} bytes)`);
  const failed = (await check(bomb)).failed as { code: string; message: string };
  assert.equal(failed.code, 'InvalidFile');
  assert.match(failed.message, /shared strings unpacks to more than 64 MiB/);
  const health = await fetch(`http://127.0.0.1:${s.port}/_robotcall/health`);
  assert.equal(health.status, 200, 'the server is still up');
});

test('a zip that is no workbook, a damaged one, and CSV that is not UTF-8 are refused as a whole', async () => {
  const notWorkbook = await new JSZip().file('hello.txt', 'hi').generateAsync({ type: 'nodebuffer' });
  assert.match(((await check(notWorkbook)).failed as { message: string }).message, /not an \.xlsx workbook/);
  const normal = await xlsxOf([['number'], ['13800000001']]);
  assert.equal(((await check(normal.subarray(0, normal.length - 30))).failed as { code: string }).code, 'InvalidFile');
  const gbk = Buffer.concat([Buffer.from('number,name\n13800000001,'), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), Buffer.from('\n')]);
  assert.match(((await check(gbk, 'f.csv')).failed as { message: string }).message, /not UTF-8/);
});

test('a CSV row of megabytes is refused at once, and the server keeps answering meanwhile', async () => {
  const file = Buffer.from(`number,name\n13800000001,"${'a'.repeat(4 * 1024 * 1024)}"\n`);
  const started = performance.now();
  const [r, health] = await Promise.all([check(file, 'f.csv'), fetch(`http://127.0.0.1:${s.port}/_robotcall/health`)]);
  assert.match((r.failed as { message: string }).message, /a row is longer than 64 KB/);
  assert.equal(health.status, 200);
  assert.ok(performance.now() - started < 10_000, 'refused in seconds, not minutes');
});

test('a shared string of 100,000 runs used by every cell is joined once, not once a cell', async () => {
  const zip = await JSZip.loadAsync(await xlsxOf([['number', 'v'], ...Array.from({ length: 2000 }, (_, i) => [String(13800000000 + i), 'x'])]));
  const runs = '<r><t>a</t></r>'.repeat(100_000);
  zip.file('xl/sharedStrings.xml', `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si>${runs}</si><si><t>number</t></si><si><t>v</t></si></sst>`);
  const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  // Every TTS cell points at string 0, the long one.
  zip.file('xl/worksheets/sheet1.xml', sheet.replace(/(<c r="B(\d+)"[^>]*t="s"[^>]*>)<v>\d+<\/v>/g, (m, open: string, row: string) => (row === '1' ? m : `${open}<v>0</v>`)));
  const started = performance.now();
  const done = (await check(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }))).done as { errors: { count: number } };
  assert.equal(done.errors.count, 2000, 'each row\'s value is over 500 characters');
  assert.ok(performance.now() - started < 10_000, `${(performance.now() - started).toFixed(0)} ms`);
});

test('a local header that names another part than the directory does is refused, leaving no file', async () => {
  const normal = await xlsxOf([['number'], ['13800000001']]);
  const before = tempFiles();
  // Rename the worksheet in its local header only, to a part of the same length.
  const at = normal.indexOf('xl/worksheets/sheet1.xml');
  const forged = Buffer.from(normal);
  forged.write('xl/worksheets/sheet9.xml', at);
  assert.match(((await check(forged)).failed as { message: string }).message, /damaged/);
  assert.deepEqual(tempFiles(), before);
});

test('ordinary sheets read as people write them: blank cells, dates, the first tab, and a blank header refused', async () => {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('名单').addRows([['number', 'name', 'due', 'amount'], ['13800000001', null, new Date(Date.UTC(2026, 0, 15)), 100], ['13800000002', '李四', new Date(Date.UTC(2026, 0, 15, 9, 30)), null]]);
  wb.addWorksheet('旧名单').addRows([['number'], ['13900000009']]);
  wb.getWorksheet('名单')!.getColumn(3).numFmt = 'yyyy-mm-dd';
  const file = Buffer.from(await wb.xlsx.writeBuffer());
  const zip = await JSZip.loadAsync(file);
  // The first tab's part is sheet1.xml here; swap the parts so it is sheet2.xml, as after tabs are reordered.
  const [one, two] = await Promise.all(['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml'].map((n) => zip.file(n)!.async('nodebuffer')));
  zip.file('xl/worksheets/sheet1.xml', two!).file('xl/worksheets/sheet2.xml', one!);
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  zip.file('xl/_rels/workbook.xml.rels', rels.replace('worksheets/sheet1.xml', 'worksheets/TMP').replace('worksheets/sheet2.xml', 'worksheets/sheet1.xml').replace('worksheets/TMP', 'worksheets/sheet2.xml'));
  const r = (await c.upload('/callees/check?name=f.xlsx', await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }))).lines.at(-1)!;
  const done = r.done as { valid: number; variables: string[]; errors: { count: number } };
  assert.deepEqual([done.valid, done.variables, done.errors.count], [2, ['name', 'due', 'amount'], 0], JSON.stringify(r));
  const blankHeader = await xlsxOf([['number', null as unknown as string, 'amount'], ['13800000001', 'x', '1']]);
  assert.match(((await check(blankHeader)).failed as { message: string }).message, /column 2: a TTS variable needs a name/);
  const semicolons = Buffer.from('number;name\n13800000001;张三\n');
  assert.match(((await check(semicolons, 'f.csv')).failed as { message: string }).message, /separate the columns with commas/);
});
