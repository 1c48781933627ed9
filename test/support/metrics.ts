// Scrapes a robotcall /metrics over HTTP and reads Prometheus's text format into samples keyed as
// `name{label="value",...}` (labels in name order), so tests compare counters before and after.
import assert from 'node:assert/strict';

export type Samples = Map<string, number>;

export async function scrape(base: string, token?: string): Promise<Samples> {
  const res = await fetch(`${base}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = await res.text();
  assert.equal(res.status, 200, text);
  assert.equal(res.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
  return parseSamples(text);
}

export function parseSamples(text: string): Samples {
  const samples: Samples = new Map();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    assert.ok(m, `not a sample line: ${line}`);
    const labels = [...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, k, v]) => [k!, v!] as const);
    samples.set(key(m[1]!, Object.fromEntries(labels)), Number(m[3]));
  }
  return samples;
}

export function key(name: string, labels: Record<string, string> = {}): string {
  const inner = Object.keys(labels).sort().map((k) => `${k}="${labels[k]}"`).join(',');
  return inner ? `${name}{${inner}}` : name;
}

/** A sample's value, 0 when absent (a counter not moved yet). */
export const value = (s: Samples, name: string, labels: Record<string, string> = {}) => s.get(key(name, labels)) ?? 0;

/** Every sample of `name` by the value of its one label `label`, as moved from `before` to `after`. */
export function movedBy(before: Samples, after: Samples, name: string, label: string): Record<string, number> {
  const moved: Record<string, number> = {};
  for (const [k, v] of after) {
    const m = new RegExp(`^${name}\\{${label}="([^"]*)"\\}$`).exec(k);
    if (!m) continue;
    const d = v - (before.get(k) ?? 0);
    if (d !== 0) moved[m[1]!] = d;
  }
  return moved;
}
