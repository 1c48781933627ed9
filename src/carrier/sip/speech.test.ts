// The robot's voice through the real espeak-ng (skipped without it): 8 kHz speech, the prompt kept on
// disk and read from there by a new cache, a callee's own text never written.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { espeakMissing, readWav, SpeechCache, voiceFor } from './speech.js';

const skip = espeakMissing() ?? false;

test('a prompt is synthesized at 8 kHz and kept on disk; a personal text only in memory', { skip }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'robotcall-speech-'));
  try {
    const cache = new SpeechCache(dir);
    const prompt = await cache.speak('您好，再见。');
    assert.ok(prompt.length > 0.5 * 8000 && prompt.length < 10 * 8000, `${prompt.length / 8000} s`);
    assert.ok(prompt.some((v) => Math.abs(v) > 1000), 'not silence');
    await cache.speak('王先生您好。', { keep: false });
    assert.equal(readdirSync(dir).filter((f) => f.endsWith('.pcm')).length, 1, 'only the prompt is on disk');
    const again = await new SpeechCache(dir).speak('您好，再见。');
    assert.deepEqual(again, prompt, 'a new cache reads it back from disk, the same samples');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the voice follows the text; a WAV that is not 16-bit mono PCM is refused', () => {
  assert.deepEqual([voiceFor('您好'), voiceFor('hello'), voiceFor('Hi 王')], ['cmn', 'en', 'cmn']);
  assert.throws(() => readWav(Buffer.from('not a wav at all, not even close to one, really')), /not a WAV/);
  const stereo = Buffer.alloc(48);
  stereo.write('RIFF', 0, 'ascii');
  stereo.write('WAVEfmt ', 8, 'ascii');
  stereo.writeUInt32LE(16, 16);
  stereo.writeUInt16LE(1, 20);
  stereo.writeUInt16LE(2, 22);
  stereo.writeUInt16LE(16, 34);
  assert.throws(() => readWav(stereo), /mono 16-bit/);
});
