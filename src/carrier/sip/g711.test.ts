import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alawToLinear, decode, encode, linearToAlaw, linearToUlaw, SILENCE, ulawToLinear } from './g711.js';

test('μ-law: the standard values at zero, the extremes and a segment edge', () => {
  assert.equal(linearToUlaw(0), 0xff);
  assert.equal(linearToUlaw(-1), 0x7f);
  assert.equal(linearToUlaw(32_767), 0x80);
  assert.equal(linearToUlaw(-32_768), 0x00);
  assert.equal(ulawToLinear(0x80), 32_124);
  assert.equal(ulawToLinear(0x00), -32_124);
  assert.equal(ulawToLinear(0xff), 0);
});

test('A-law: the standard values at zero and the extremes', () => {
  assert.equal(linearToAlaw(0), 0xd5);
  assert.equal(linearToAlaw(-1), 0x55);
  assert.equal(linearToAlaw(32_767), 0xaa);
  assert.equal(linearToAlaw(-32_768), 0x2a);
  assert.equal(alawToLinear(0xd5), 8);
  assert.equal(alawToLinear(0xaa), 32_256);
  assert.equal(alawToLinear(0x2a), -32_256);
});

test('every code decodes and encodes back to itself (the laws are their own fixed points), both laws', () => {
  for (let b = 0; b < 256; b++) {
    // μ-law has two zeros (0x7f, 0xff): -0 encodes as +0.
    if (b !== 0x7f) assert.equal(linearToUlaw(ulawToLinear(b)), b, `μ-law 0x${b.toString(16)}`);
    assert.equal(linearToAlaw(alawToLinear(b)), b, `A-law 0x${b.toString(16)}`);
  }
});

test('a sine survives encoding within the laws’ quantisation (under 3% of full scale, signal-to-noise above 30 dB)', () => {
  const pcm = Int16Array.from({ length: 800 }, (_, i) => Math.round(12_000 * Math.sin((2 * Math.PI * 440 * i) / 8000)));
  for (const codec of ['PCMU', 'PCMA'] as const) {
    const back = decode(codec, encode(codec, pcm));
    let signal = 0;
    let noise = 0;
    for (let i = 0; i < pcm.length; i++) {
      signal += pcm[i]! ** 2;
      noise += (pcm[i]! - back[i]!) ** 2;
      assert.ok(Math.abs(pcm[i]! - back[i]!) < 1_000, `${codec} sample ${i}`);
    }
    assert.ok(10 * Math.log10(signal / noise) > 30, codec);
    assert.equal(decode(codec, Buffer.from([SILENCE[codec]]))[0]! === 0 || Math.abs(decode(codec, Buffer.from([SILENCE[codec]]))[0]!) <= 8, true);
  }
});
