import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { applyHeapGrowth } from './heap-growth.js';

/**
 * The growing factors V8 set its old-generation limits with (its --trace-gc-verbose lines) in a child
 * process that calls applyHeapGrowth(percent), then keeps a third of 300 MB of arrays. The lines are
 * V8's own diagnostics: should a node release word them otherwise, the tests fail saying none were found.
 */
function growingFactors(percent: number, nodeFlags: string[] = []): string[] {
  const script = `
    const { applyHeapGrowth } = await import(${JSON.stringify(new URL('./heap-growth.ts', import.meta.url).href)});
    applyHeapGrowth(${percent});
    const kept = [];
    for (let i = 0; i < 300; i++) { kept.push(new Array(100000).fill(i)); if (i % 3) kept.pop(); }`;
  const out = execFileSync(process.execPath, [...nodeFlags, '--trace-gc-verbose', '--import', 'tsx', '--input-type=module', '-e', script],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return [...out.matchAll(/\[HeapController\] Limit: .*\((\d+\.\d)\)/g)].map((m) => m[1]!);
}

test('at 50% V8 sets each next full collection at 1.5 times the heap kept, where its own rule said 4', () => {
  const own = growingFactors(0);
  const set = growingFactors(50);
  assert.ok(own.length > 0 && set.length > 0, `limits set: ${own.length} by V8's rule, ${set.length} at 50%`);
  assert.ok(own.every((f) => f === '4.0'), `V8's rule: ${own.join(' ')}`);
  assert.ok(set.every((f) => f === '1.5'), `at 50%: ${set.join(' ')}`);
});

test('a node started with its own --heap-growing-percent keeps it; 0 sets nothing', () => {
  assert.equal(applyHeapGrowth(50, ['--heap-growing-percent=120']), false);
  assert.equal(applyHeapGrowth(50, ['--heap_growing_percent', '120']), false);
  assert.equal(applyHeapGrowth(0, []), false);
  const kept = growingFactors(50, ['--heap-growing-percent=120']);
  assert.ok(kept.length > 0 && kept.every((f) => f === '2.2'), `the operator's 120%: ${kept.join(' ')}`);
});
