import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { withErrorTable } from '../src/api/error-table.js';
import { ERRORS } from '../src/api/errors.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

test("the README's error table is the catalogue's (run npm run readme:errors after changing errors.ts)", () => {
  assert.equal(readme, withErrorTable(readme));
  for (const code of Object.keys(ERRORS).filter((c) => !c.endsWith('Parameter'))) assert.ok(readme.includes(`\`${code}\``), code);
});

test('the README\'s call-result label table is the code\'s', async () => {
  const { CALL_RESULT_LABELS } = await import('../src/domain/calls.js');
  for (const [code, label] of Object.entries(CALL_RESULT_LABELS)) assert.ok(readme.includes(`| ${code} | ${label} |`), `${code} ${label}`);
});
