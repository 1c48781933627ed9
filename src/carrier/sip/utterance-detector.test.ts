import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UtteranceDetector } from './utterance-detector.js';

const frame = (amplitude: number) => Int16Array.from({ length: 160 }, (_, i) => Math.round(amplitude * Math.sin(i / 3)));
const quiet = frame(50);
const loud = frame(3000);

test('an utterance starts after three loud frames, keeps a little before them, and ends after 700 ms of quiet (trimmed)', () => {
  const d = new UtteranceDetector();
  for (let i = 0; i < 20; i++) assert.equal(d.push(quiet), null);
  assert.equal(d.push(loud), null);
  assert.equal(d.speaking, false, 'one loud frame is a click, not speech');
  assert.equal(d.push(quiet), null);
  for (let i = 0; i < 25; i++) assert.equal(d.push(loud), null);
  assert.equal(d.speaking, true);
  let out: Int16Array | null = null;
  for (let i = 0; i < 35 && out === null; i++) out = d.push(quiet);
  assert.ok(out, 'ended by the 35th quiet frame');
  // 25 loud frames, with up to 13 frames of what came before (pre-roll), none of the trailing quiet.
  assert.ok(out.length >= 25 * 160 && out.length <= 38 * 160, `${out.length / 160} frames`);
  assert.equal(d.speaking, false);
});

test('a long utterance is cut at 15 s; end() gives what there is when the audio stops coming', () => {
  const d = new UtteranceDetector();
  let out: Int16Array | null = null;
  let n = 0;
  while (out === null && n < 2_000) {
    out = d.push(loud);
    n++;
  }
  assert.equal(n, 750, 'cut at 750 frames (15 s), its first loud frames included');
  assert.equal(d.end(), null, 'nothing under way');
  for (let i = 0; i < 10; i++) d.push(loud);
  assert.equal(d.end()?.length, 10 * 160);
});
