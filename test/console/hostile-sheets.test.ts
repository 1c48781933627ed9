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
