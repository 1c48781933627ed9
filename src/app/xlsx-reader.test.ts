import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { sheetRows, SheetError } from './callee-sheet.js';
import { xlsxRows } from './xlsx-reader.js';
import { XLSX_BOUNDS } from './xlsx-zip.js';

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const SHEET = 'xl/worksheets/sheet1.xml';

const rowsOf = async (file: Buffer) => {
  const rows: string[][] = [];
  for await (const batch of sheetRows(file, 'xlsx')) rows.push(...batch);
  return rows;
};

/** A workbook written by hand, for what exceljs's writer cannot make: `sheet` is the <sheetData>'s rows. */
async function handMade(p: { sheet: string; shared?: string; styles?: string; workbookPr?: string; store?: boolean }): Promise<Buffer> {
  const zip = new JSZip()
    .file('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook ${MAIN} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`
      + `${p.workbookPr ?? ''}<sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>`)
    .file('xl/_rels/workbook.xml.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
      + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    .file(SHEET, `<?xml version="1.0" encoding="UTF-8"?>\n<worksheet ${MAIN}><sheetData>${p.sheet}</sheetData></worksheet>`);
  if (p.shared !== undefined) zip.file('xl/sharedStrings.xml', `<sst ${MAIN}>${p.shared}</sst>`);
  if (p.styles !== undefined) zip.file('xl/styles.xml', `<styleSheet ${MAIN}>${p.styles}</styleSheet>`);
  return zip.generateAsync({ type: 'nodebuffer', compression: p.store ? 'STORE' : 'DEFLATE' });
}

/** The same zip with the directory's unpacked size of `name` replaced (the directory may lie). */
function withDirectorySize(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip);
  for (let at = out.indexOf('PK\x01\x02'); at >= 0; at = out.indexOf('PK\x01\x02', at + 4)) {
    if (out.toString('utf8', at + 46, at + 46 + out.readUInt16LE(at + 28)) === name) {
      out.writeUInt32LE(size, at + 24);
      return out;
    }
  }
  throw new Error(`no ${name} in the directory`);
}

const refusal = async (file: Buffer) => {
  try {
    await rowsOf(file);
  } catch (err) {
    assert.ok(err instanceof SheetError, `a SheetError, not ${String(err)}`);
    return err.message;
  }
  assert.fail('the file was read');
};

test('shared and inline strings read alike, rich text joined in both, as exceljs writes them', async () => {
  const rows = [['number', 'name'], [13800000001, { richText: [{ text: '张' }, { text: '三 ' }] }], ['013800000002', ' 李四']];
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('s').addRows(rows);
  const shared = Buffer.from(await wb.xlsx.writeBuffer());
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const streamed = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = streamed.addWorksheet('s');
  for (const r of rows) sheet.addRow(r).commit();
  sheet.commit();
  await streamed.commit();
  const inline = Buffer.concat(chunks);
  const [sharedXml, inlineXml] = await Promise.all([shared, inline].map(async (f) => (await JSZip.loadAsync(f)).file(SHEET)!.async('string')));
  assert.match(sharedXml!, /t="s"/, 'exceljs\'s workbook writer uses shared strings');
  assert.match(inlineXml!, /t="inlineStr"><is><r>/, 'its streaming writer writes rich text inline');
  const expected = [['number', 'name'], ['13800000001', '张三'], ['013800000002', '李四']];
  assert.deepEqual(await rowsOf(shared), expected);
  assert.deepEqual(await rowsOf(inline), expected);
});

test('phonetic guides are not text, shared or inline; rich inline runs are joined', async () => {
  const file = await handMade({
    shared: '<si><t>number</t></si><si><r><t>東</t></r><r><rPr><b/></rPr><t>京</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>',
    sheet: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
      + '<row r="2"><c r="A2"><v>13800000001</v></c><c r="B2" t="s"><v>1</v></c>'
      + '<c r="C2" t="inlineStr"><is><r><t>大</t></r><r><t>阪</t></r><rPh sb="0" eb="2"><t>オオサカ</t></rPh></is></c></row>',
  });
  assert.deepEqual(await rowsOf(file), [['number'], ['13800000001', '東京', '大阪']]);
});

test('dates by style: built-in 14, a custom code, style 0 itself; a quoted d is no date', async () => {
  const styles = '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy/mm/dd\\ hh:mm"/><numFmt numFmtId="165" formatCode="0&quot;d&quot;"/></numFmts>'
    + '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>'
    + '<cellXfs count="5"><xf numFmtId="14"/><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="58"/></cellXfs>';
  // 46037 is 2026-01-15; .396 of a day is 09:30:14.4.
  const file = await handMade({
    styles,
    sheet: '<row r="1"><c r="A1"><v>46037</v></c><c r="B1" s="0"><v>46037.5</v></c><c r="C1" s="1"><v>46037</v></c>'
      + '<c r="D1" s="2"><v>46037.396</v></c><c r="E1" s="3"><v>46037</v></c><c r="F1" s="4"><v>46037</v></c><c r="G1" s="9"><v>7</v></c></row>',
  });
  assert.deepEqual(await rowsOf(file), [['2026-01-15', '2026-01-15 12:00:00', '46037', '2026-01-15 09:30:14', '46037', '2026-01-15', '7']]);
});

test('a 1904 workbook counts its days from 1904-01-01', async () => {
  const styles = '<cellXfs count="1"><xf numFmtId="14"/></cellXfs>';
  const sheet = '<row r="1"><c r="A1"><v>0</v></c><c r="B1"><v>44575</v></c></row>';
  assert.deepEqual(await rowsOf(await handMade({ styles, sheet, workbookPr: '<workbookPr date1904="1"/>' })), [['1904-01-01', '2026-01-15']]);
  assert.deepEqual(await rowsOf(await handMade({ styles, sheet, workbookPr: '<workbookPr date1904="true"/>' })), [['1904-01-01', '2026-01-15']]);
  assert.deepEqual(await rowsOf(await handMade({ styles, sheet, workbookPr: '<workbookPr date1904="0"/>' })), [['1899-12-30', '2022-01-14']]);
});

test('booleans, error cells, ISO dates and formula results (a number, a string, none cached)', async () => {
  const file = await handMade({
    sheet: '<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c><c r="C1" t="e"><v>#DIV/0!</v></c><c r="D1"><v>4</v></c></row>'
      + '<row r="2"><c r="A2"><f>1+1</f><v>2</v></c><c r="B2" t="str"><f>"x"&amp;"y"</f><v>xy</v></c><c r="C2"><f>A1</f></c>'
      + '<c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="E2" t="b"><f>TRUE()</f><v>1</v></c></row>'
      + '<row r="3"><c r="A3" t="d"><v>2026-01-15T09:30:05Z</v></c><c r="B3" t="d"><v>2026-01-15</v></c><c r="C3" t="d"><v>2026-02-30</v></c><c r="D3" t="d"><v>next week</v></c></row>',
  });
  assert.deepEqual(await rowsOf(file), [['true', 'false', '', '4'], ['2', 'xy', '', '', 'true'], ['2026-01-15 09:30:05', '2026-01-15', '2026-02-30', 'next week']]);
});

test('cells without a reference follow the previous one; skipped columns and rows are blanks', async () => {
  const file = await handMade({
    sheet: '<row><c><v>1</v></c><c r="C1"><v>3</v></c><c><v>4</v></c><c t="inlineStr"><is><t>five</t></is></c></row>'
      + '<row r="3"><c r="B3"><v>2</v></c></row><row r="4"/><row r="5"><c r="A5" s="0" t="s"/><c r="b5"><v>6</v></c></row>',
  });
  assert.deepEqual(await rowsOf(file), [['1', '', '3', '4', 'five'], ['', '2'], ['', '6']]);
});

test('a column past XFD is refused, XFD itself is read', async () => {
  const last = await handMade({ sheet: '<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>2</v></c></row>' });
  const row = (await rowsOf(last))[0]!;
  assert.deepEqual([row.length, row[0], row[16_383]], [16_384, '1', '2']);
  assert.match(await refusal(await handMade({ sheet: '<row r="1"><c r="XFE1"><v>1</v></c></row>' })), /cell XFE1 is past column XFD/);
  assert.match(await refusal(await handMade({ sheet: `<row r="1"><c r="${'Z'.repeat(5000)}1"><v>1</v></c></row>` })), /past column XFD/);
  const unreferenced = await handMade({ sheet: `<row r="1"><c r="XFD1"><v>1</v></c>${'<c><v>2</v></c>'}</row>` });
  assert.match(await refusal(unreferenced), /row 1 has a cell past column XFD/);
});

test('entities are decoded once: &amp;lt; reads as &lt;, in shared, inline and formula strings', async () => {
  const file = await handMade({
    shared: '<si><t>a&amp;lt;b</t></si>',
    sheet: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>&amp;amp;</t></is></c>'
      + '<c r="C1" t="str"><f>"&amp;gt;"</f><v>&amp;gt;</v></c><c r="D1" t="inlineStr"><is><t>&#x5F20;&lt;</t></is></c></row>',
  });
  assert.deepEqual(await rowsOf(file), [['a&lt;b', '&amp;', '&gt;', '张<']]);
});

test('OOXML escapes in strings are undone: _x000D_ is a carriage return, _x005F_x a literal _x', async () => {
  const file = await handMade({
    shared: '<si><t>a_x000D_b</t></si>',
    sheet: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>_x005F_x0041_</t></is></c></row>',
  });
  assert.deepEqual(await rowsOf(file), [['a\rb', '_x0041_']]);
});

test('a character split between two unpacked pieces is read whole', async () => {
  // Stored parts are handed on 64 KiB at a time: put the three bytes of 张 across the first boundary.
  const head = `<?xml version="1.0" encoding="UTF-8"?>\n<worksheet ${MAIN}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>`;
  const pad = 65_536 - 1 - Buffer.byteLength(head);
  const sheet = `<row r="1"><c r="A1" t="inlineStr"><is><t>${'x'.repeat(pad)}张三</t></is></c></row>`;
  const file = await handMade({ sheet, store: true });
  const stored = Buffer.from(await (await JSZip.loadAsync(file)).file(SHEET)!.async('nodebuffer'));
  assert.deepEqual([...stored.subarray(65_535, 65_538)], [...Buffer.from('张')], 'the character straddles byte 65,536');
  assert.deepEqual(await rowsOf(file), [[`${'x'.repeat(pad)}张三`]]);
});

test('a worksheet past its bound is refused: at once when the directory says so, while unpacking when it lies', async () => {
  const row = (i: number) => `<row r="${i}"><c r="A${i}" t="inlineStr"><is><t>${'x'.repeat(1000)}</t></is></c></row>`;
  const sheet = Array.from({ length: 3000 }, (_, i) => row(i + 1)).join('');
  const honest = await handMade({ sheet });
  const bounds = { ...XLSX_BOUNDS, worksheet: 1024 * 1024 };
  const read = async (file: Buffer) => {
    let rows = 0;
    try {
      for await (const group of xlsxRows(file, bounds)) rows += group.length;
    } catch (err) {
      assert.ok(err instanceof SheetError, String(err));
      return { rows, message: err.message };
    }
    return { rows, message: '' };
  };
  const atOnce = await read(honest);
  assert.deepEqual(atOnce, { rows: 0, message: 'the workbook\'s first worksheet unpacks to more than 1 MiB' });
  const lying = await read(withDirectorySize(honest, SHEET, 1000));
  assert.equal(lying.message, 'the workbook\'s first worksheet unpacks to more than 1 MiB');
  // Rows came as the sheet unpacked, up to the bound: it was never held whole.
  assert.ok(lying.rows > 500 && lying.rows < 1100, `${lying.rows} rows before the refusal`);
  const big = withDirectorySize(honest, SHEET, XLSX_BOUNDS.worksheet + 1);
  assert.equal(await refusal(big), 'the workbook\'s first worksheet unpacks to more than 256 MiB');
});

test('a worksheet damaged at its end hands on its first rows before it is refused', async () => {
  const rows = Array.from({ length: 20_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${13800000000 + i}</v></c></row>`).join('');
  const file = await handMade({ sheet: `${rows}<row><c></row>` });
  let seen = 0;
  const error = await (async () => {
    try {
      for await (const group of xlsxRows(file)) seen += group.length;
    } catch (err) {
      return err;
    }
  })();
  assert.ok(error instanceof SheetError && /first worksheet is not well-formed XML/.test(error.message), String(error));
  assert.ok(seen > 0, 'rows before the damage were handed on');
});

test('a shared string past the table, or with no table, reads as a blank; each string is found by its index', async () => {
  const past = await handMade({ shared: '<si><t>a</t></si>', sheet: '<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="s"><v>0</v></c><c r="C1" t="s"><v>-1</v></c></row>' });
  assert.deepEqual(await rowsOf(past), [['', 'a']]);
  assert.deepEqual(await rowsOf(await handMade({ sheet: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>2</v></c></row>' })), [['', '2']]);
  // 5,000 strings span two blocks of the table.
  const many = Array.from({ length: 5000 }, (_, i) => `<si><t>s${i}</t></si>`).join('');
  const cells = [0, 4095, 4096, 4999].map((n, i) => `<c r="${'ABCD'[i]}1" t="s"><v>${n}</v></c>`).join('');
  assert.deepEqual(await rowsOf(await handMade({ shared: many, sheet: `<row r="1">${cells}</row>` })), [['s0', 's4095', 's4096', 's4999']]);
});

test('prefixed elements (<x:row>) read as unprefixed ones; text that is not UTF-8 is refused', async () => {
  const zip = await JSZip.loadAsync(await handMade({ sheet: '' }));
  zip.file(SHEET, '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>'
    + '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>number</x:t></x:is></x:c><x:c r="B1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>');
  assert.deepEqual(await rowsOf(await zip.generateAsync({ type: 'nodebuffer' })), [['number', '1']]);
  zip.file(SHEET, Buffer.concat([Buffer.from(`<worksheet ${MAIN}><sheetData><row><c t="inlineStr"><is><t>`), Buffer.from([0xd5, 0xc5]), Buffer.from('</t></is></c></row></sheetData></worksheet>')]));
  assert.match(await refusal(await zip.generateAsync({ type: 'nodebuffer' })), /first worksheet is not UTF-8 text/);
});

test('what the tokenizer would gather without end is bounded: nesting, one long text, a cell of many runs', async () => {
  const nested = await handMade({ sheet: `<row r="1"><c r="A1"><v>1</v></c></row>${'<x>'.repeat(100)}${'</x>'.repeat(100)}` });
  assert.match(await refusal(nested), /first worksheet nests elements more than 64 deep/);
  const long = await handMade({ sheet: `<row r="1"><c r="A1" t="inlineStr"><is><t>${'a'.repeat(1_200_000)}</t></is></c></row>` });
  assert.match(await refusal(long), /first worksheet has a text or tag longer than 1 MiB/);
  const runs = await handMade({ sheet: `<row r="1"><c r="B1" t="inlineStr"><is>${`<r><t>${'a'.repeat(100_000)}</t></r>`.repeat(11)}</is></c></row>` });
  assert.match(await refusal(runs), /cell B1 holds more than 1,048,576 characters/);
  const fine = await handMade({ sheet: `<row r="1"><c r="B1" t="inlineStr"><is>${`<r><t>${'a'.repeat(100_000)}</t></r>`.repeat(10)}</is></c></row>` });
  assert.equal((await rowsOf(fine))[0]![1]!.length, 1_000_000);
});

test('a comment, CDATA section, processing instruction or DOCTYPE that holds \'<\' is bounded too', async () => {
  const lts = '<'.repeat(3 * 1024 * 1024);
  const row = '<row r="1"><c r="A1"><v>1</v></c></row>';
  const comment = await handMade({ sheet: `${row}<!--${lts}-->` });
  assert.match(await refusal(comment), /first worksheet has a text, comment or declaration longer than 1 MiB/);
  const cdata = await handMade({ sheet: `<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[${lts}]]></t></is></c></row>` });
  assert.match(await refusal(cdata), /longer than 1 MiB/);
  const pi = await handMade({ sheet: `${row}<?pi ${lts}?>` });
  assert.match(await refusal(pi), /longer than 1 MiB/);
  // saxes gathers a DOCTYPE a character at a time: 240 MB of this took 4 GB of heap and ended the process.
  const zip = await JSZip.loadAsync(await handMade({ sheet: '' }));
  zip.file(SHEET, `<?xml version="1.0"?><!DOCTYPE worksheet [${'<!-- -->'.repeat(400_000)}]><worksheet ${MAIN}><sheetData>${row}</sheetData></worksheet>`);
  assert.match(await refusal(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })), /first worksheet has a text, comment or declaration longer than 1 MiB/);
  // What is short is read as before.
  assert.deepEqual(await rowsOf(await handMade({ sheet: `<!-- a <b> -->${row}<?pi <x>?>` })), [['1']]);
});

test('the cells rows hold, blanks before a value included, are bounded: a value in column XFD makes a row 16,384 long', async () => {
  const wide = (rows: number) => handMade({ sheet: Array.from({ length: rows }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>1</v></c><c r="XFD${i + 1}"><v>2</v></c></row>`).join('') });
  // 1,024 rows of 16,384 cells are 16 Mi, the bound: the next row is one too many.
  assert.match(await refusal(await wide(1025)), /rows hold more than 16,777,216 cells, counting the blanks before each value \(row 1025 /);
  assert.equal((await rowsOf(await wide(100))).length, 100, 'a hundred such rows are read');
});

test('kept rows hold their cells only, not the XML they were read from', async () => {
  // 4,000 rows of ~2 KB of XML each (8 MB in all) for a cell of 28 characters: a view into the
  // 64 KiB piece each cell was read from would keep the whole worksheet alive behind the rows.
  const filler = 'x'.repeat(2_000);
  const sheet = Array.from({ length: 4_000 }, (_, i) => `<row r="${i + 1}" spans="${filler}"><c r="A${i + 1}" t="inlineStr"><is><t>13800000001 value ${String(i).padStart(9, '0')}</t></is></c></row>`).join('');
  const file = await handMade({ sheet });
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const heapAfterGc = () => {
    gc();
    return process.memoryUsage().heapUsed;
  };
  const before = heapAfterGc();
  const rows = await rowsOf(file);
  const held = heapAfterGc() - before;
  assert.equal(rows.length, 4_000);
  assert.equal(rows[3_999]![0], '13800000001 value 000003999');
  assert.ok(held < 2_000_000, `the rows hold ${(held / 1e6).toFixed(1)} MB for ${rows.length} cells of 28 characters`);
});

test('a zip holding two entries of one name is refused, not read from whichever comes last', async () => {
  const file = await handMade({ sheet: '<row r="1"><c r="A1" t="inlineStr"><is><t>number</t></is></c></row>' });
  const loaded = await JSZip.loadAsync(file);
  // A second worksheet part, renamed in place to the first's name (same length) in both its records.
  loaded.file('xl/worksheets/sheet9.xml', `<worksheet ${MAIN}><sheetData/></worksheet>`);
  const both = Buffer.from(await loaded.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  const twice = Buffer.from(both.toString('latin1').replaceAll('xl/worksheets/sheet9.xml', SHEET), 'latin1');
  assert.match(await refusal(twice), /two entries named xl\/worksheets\/sheet1\.xml/);
  // Part names compare without regard to case.
  const cased = Buffer.from(both.toString('latin1').replaceAll('xl/worksheets/sheet9.xml', 'XL/Worksheets/Sheet1.xml'), 'latin1');
  assert.match(await refusal(cased), /two entries named/);
  assert.deepEqual(await rowsOf(both), [['number']], 'with distinct names the same file reads');
});

test('cells of one long shared string share it: 200 of them hold no more than the string', async () => {
  const file = await handMade({
    shared: `<si><t>${'9'.repeat(1_000_000)}</t></si>`,
    sheet: Array.from({ length: 200 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>0</v></c></row>`).join(''),
  });
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  const before = process.memoryUsage().heapUsed;
  const rows = await rowsOf(file);
  gc();
  const held = process.memoryUsage().heapUsed - before;
  assert.equal(rows.length, 200);
  assert.equal(rows[199]![0]!.length, 1_000_000);
  // One copy is 1 MB; a copy per cell was 200 MB.
  assert.ok(held < 20_000_000, `the rows hold ${(held / 1e6).toFixed(1)} MB`);
});
