import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ACTIONS, NOT_IMPLEMENTED } from '../../src/api/action-table.js';

const index = JSON.parse(readFileSync(new URL('../fixtures/api-index.json', import.meta.url), 'utf8')) as { actions: string[] };

test('every API of the reference index is implemented or explicitly not served', () => {
  for (const action of index.actions) {
    assert.ok(action in ACTIONS || action in NOT_IMPLEMENTED, `${action} is neither implemented nor listed as not served`);
    assert.ok(!(action in ACTIONS && action in NOT_IMPLEMENTED), `${action} is both`);
  }
  assert.deepEqual(Object.keys(ACTIONS).filter((a) => !index.actions.includes(a)), [], 'no action outside the reference');
});
