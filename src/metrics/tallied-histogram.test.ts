import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Histogram, Registry } from 'prom-client';
import { TalliedHistogram } from './tallied-histogram.js';

test("renders exactly as prom-client's own Histogram given the same observations", async () => {
  const bounds = [0.001, 0.01, 0.1, 1];
  const ours = new Registry();
  const theirs = new Registry();
  const tallied = new TalliedHistogram('x_seconds', 'help text', 'action', bounds, ours);
  const reference = new Histogram({ name: 'x_seconds', help: 'help text', labelNames: ['action'], buckets: bounds, registers: [theirs] });
  // On a bound, between bounds, past the last one, and a label value needing escapes.
  const seen: Array<[string, number]> = [['A', 0.001], ['A', 0.0005], ['A', 0.05], ['B', 3], ['A', 1], ['q"\\\n', 0.2], ['B', 0]];
  for (const [action, v] of seen) {
    tallied.observe(action, v);
    reference.observe({ action }, v);
  }
  assert.equal(await ours.metrics(), await theirs.metrics());
  tallied.reset();
  assert.equal(await ours.metrics(), '# HELP x_seconds help text\n# TYPE x_seconds histogram\n');
});
