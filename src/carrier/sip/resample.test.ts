import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resample } from './resample.js';

const tone = (hz: number, rate: number, seconds: number, amplitude = 10_000) =>
  Int16Array.from({ length: Math.round(rate * seconds) }, (_, i) => Math.round(amplitude * Math.sin((2 * Math.PI * hz * i) / rate)));

/** Amplitude of `hz` in the signal (a single-bin DFT), skipping the filter's edges. */
function level(x: Int16Array, hz: number, rate: number): number {
  let re = 0;
  let im = 0;
  const from = 200;
  const to = x.length - 200;
  for (let i = from; i < to; i++) {
    re += x[i]! * Math.cos((2 * Math.PI * hz * i) / rate);
    im += x[i]! * Math.sin((2 * Math.PI * hz * i) / rate);
  }
  return (2 * Math.hypot(re, im)) / (to - from);
}

test('22,050 → 8,000 Hz: the length scales, a 1 kHz tone keeps its frequency and level', () => {
  const out = resample(tone(1000, 22_050, 1), 22_050, 8000);
  assert.equal(out.length, 8000);
  assert.ok(Math.abs(level(out, 1000, 8000) - 10_000) < 500, `1 kHz at ${level(out, 1000, 8000)}`);
  assert.ok(level(out, 1500, 8000) < 300, 'no energy moved to another frequency');
});

test('a tone above the telephone band is filtered out, not folded into it as an alias', () => {
  // 6 kHz at 22,050 Hz would alias to 2 kHz at 8,000 Hz without the low-pass.
  const out = resample(tone(6000, 22_050, 1), 22_050, 8000);
  assert.ok(level(out, 2000, 8000) < 500, `alias at 2 kHz: ${level(out, 2000, 8000)}`);
});
