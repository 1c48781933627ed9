import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ImportReport } from './import-report.js';

test('a refused row\'s number is shown cut, in the sample and the errors file: a cell can hold megabytes', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'import-report-'));
  try {
    const file = path.join(dir, 'errors.csv');
    const report = await ImportReport.open(file);
    const huge = '9'.repeat(5_000_000);
    for (let row = 2; row < 12; row++) await report.refuse({ kind: 'error', row, number: huge, message: 'not a number' });
    await report.refuse({ kind: 'error', row: 12, number: '12345', message: 'not a number' });
    await report.close();
    const sample = report.sample();
    assert.equal(sample[0]!.number, `${'9'.repeat(100)}…`);
    assert.equal(sample.at(-1)!.number, '12345', 'a short one as it is');
    assert.ok(JSON.stringify(report.errors).length < 2_000);
    assert.ok(readFileSync(file).length < 2_000, `errors file of ${readFileSync(file).length} bytes`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
