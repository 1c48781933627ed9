import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCallees } from './dispatch.js';

test('one callee per new number, in upload order, spelled as uploaded, dialed by key', () => {
  const callees = buildCallees({
    numbers: ['+8613800138000', '13900139000', '13800138000', '0571-88776655'],
    newKeys: ['13800138000', '057188776655'],
    ttsHead: [], ttsParams: new Map(), nextSeq: 7,
  });
  assert.deepEqual(callees, [
    { seq: 7, number: '+8613800138000', dial: '13800138000', tts: null },
    { seq: 8, number: '0571-88776655', dial: '057188776655', tts: null },
  ]);
});

test('TTS values come from the number, else from `all`', () => {
  const callees = buildCallees({
    numbers: ['13800138000', '13900139000'], newKeys: ['13800138000', '13900139000'],
    ttsHead: ['name', 'amount'], ttsParams: new Map([['13800138000', ['王先生', '100']], ['all', ['客户', '0']]]), nextSeq: 1,
  });
  // TTS values are null-prototype maps (a variable may be named constructor): compared as plain objects.
  assert.deepEqual(callees.map((c) => ({ ...c.tts })), [{ name: '王先生', amount: '100' }, { name: '客户', amount: '0' }]);
});
