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

test("the README's SIP outcome table says what outcome.ts maps, status by status and cause by cause", async () => {
  const { STATUS_CODES, CAUSE_CODES } = await import('../src/carrier/sip/outcome.js');
  const section = readme.slice(readme.indexOf('## Real calls through a SIP trunk'));
  const rows = section.split('\n').filter((l) => /^\| .* \| `2000\d\d`/.test(l));
  const rowOf = (code: string) => rows.find((r) => r.includes(`| \`${code}\``)) ?? '';
  for (const { statuses, code } of STATUS_CODES) {
    for (const status of statuses) assert.match(rowOf(code), new RegExp(`\\b${status}\\b`), `status ${status} → ${code}`);
  }
  for (const { causes, code } of CAUSE_CODES) {
    for (const cause of causes) assert.match(rowOf(code), new RegExp(`causes? (?:\\d+, )*${cause}\\b`), `cause ${cause} → ${code}`);
  }
});

test("the README's receipt check verifies what robotcall signs, and nothing else", async () => {
  const { createRequire } = await import('node:module');
  const { signatureHeader } = await import('../src/receipts/receipt-signature.js');
  const block = /```js\n(const \{ createHmac[\s\S]*?)```/.exec(readme.slice(readme.indexOf('## Call receipts')));
  assert.ok(block, 'the snippet is in the Call receipts section');
  const verify = new Function('require', `${block[1]}; return verifyReceipt;`)(createRequire(import.meta.url)) as
    (secret: string, header: string, messageId: string, body: string) => boolean;
  const body = '[{"call_id":"1^2"}]';
  const header = signatureHeader('a-secret-of-16-chars', Math.floor(Date.now() / 1000), '42', body);
  assert.equal(verify('a-secret-of-16-chars', header, '42', body), true);
  assert.equal(verify('a-secret-of-16-chars', header, '43', body), false);
  assert.equal(verify('a-secret-of-16-chars', header, '42', `${body} `), false);
  assert.equal(verify('another-secret-0000', header, '42', body), false);
});
