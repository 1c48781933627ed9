import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDateFormat } from './xlsx-styles.js';

test('custom format codes: dates and times by their letters, literal text and brackets not counted', () => {
  const dates = ['yyyy-mm-dd', 'YYYY/MM/DD', 'd-mmm', 'h:mm AM/PM', 'mm:ss', '[h]:mm:ss', '[mm]', '[$-804]yyyy"年"m"月"d"日"',
    '[DBNum1][$-804]m"月"d"日"', 'd/m/bb', '[$-F800]dddd, mmmm dd, yyyy', 'B2dd/mm/yyyy'];
  const numbers = ['0"d"', '0.00"h"', '#,##0 "ms"', '[Red]#,##0', '[$USD-409]#,##0.00', '0\\d', '#,##0_);(#,##0)', '0.00E+00', '@', 'General', '*d0', '0%', ''];
  assert.deepEqual(dates.filter((c) => !isDateFormat(c)), [], 'all dates');
  assert.deepEqual(numbers.filter((c) => isDateFormat(c)), [], 'none a date');
});

test('a code of unclosed brackets or quotes is read in one pass: 100,000 of them were quadratic, 10 s of CPU', () => {
  for (const code of ['['.repeat(100_000), `0${'[h'.repeat(50_000)}`, `"${'['.repeat(100_000)}`]) {
    const started = performance.now();
    assert.equal(isDateFormat(code), false);
    const ms = performance.now() - started;
    assert.ok(ms < 2000, `${code.slice(0, 3)}…: ${ms.toFixed(0)} ms`);
  }
  // An unclosed quote or bracket runs to the end, as text or a bracket part.
  assert.equal(isDateFormat('0"d'), false);
  assert.equal(isDateFormat('0[d'), false);
  assert.equal(isDateFormat('yyyy[Red'), true);
});
