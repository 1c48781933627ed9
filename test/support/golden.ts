// Compares a response with a golden JSON file: same keys in the same order, same values, where
// golden strings «name» are placeholders for values that vary (ids, request ids, times), and
// {"$json": …} stands for a string field that must hold exactly that JSON (Data).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const PLACEHOLDERS: Record<string, RegExp> = {
  RequestId: /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/,
  time: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
  listTime: /^\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}:\d{2}$/,
  javaTime: /^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} CST \d{4}$/,
  fileName: /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}--robotCallApi$/,
  fileUrl: /^http:\/\/127\.0\.0\.1:\d+\/files\/[0-9a-f-]{36}--robotCallApi\.xlsx$/,
  host: /^127\.0\.0\.1:\d+$/,
  digits: /^\d+$/,
  any: /[\s\S]*/,
};

export function loadGolden(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../golden/${name}.json`, import.meta.url), 'utf8'));
}

export function assertGolden(actual: unknown, golden: unknown, vars: Record<string, unknown> = {}, at = '$'): void {
  if (typeof golden === 'string') {
    const m = /^«(\w+)»$/.exec(golden);
    if (m) {
      const name = m[1]!;
      if (name in vars) return assert.deepEqual(actual, vars[name], `${at}: expected «${name}» = ${JSON.stringify(vars[name])}`);
      const re = PLACEHOLDERS[name];
      assert.ok(re, `unknown placeholder «${name}» at ${at}`);
      assert.equal(typeof actual, 'string', `${at}: expected a string for «${name}», got ${JSON.stringify(actual)}`);
      return assert.match(actual as string, re, at);
    }
    return assert.equal(actual, golden, at);
  }
  if (golden && typeof golden === 'object' && !Array.isArray(golden) && '$json' in golden) {
    assert.equal(typeof actual, 'string', `${at}: expected JSON text, got ${JSON.stringify(actual)}`);
    return assertGolden(JSON.parse(actual as string), (golden as { $json: unknown }).$json, vars, at);
  }
  if (Array.isArray(golden)) {
    assert.ok(Array.isArray(actual), `${at}: expected an array`);
    assert.equal(actual.length, golden.length, `${at}: length`);
    golden.forEach((g, i) => assertGolden(actual[i], g, vars, `${at}[${i}]`));
    return;
  }
  if (golden && typeof golden === 'object') {
    assert.ok(actual && typeof actual === 'object' && !Array.isArray(actual), `${at}: expected an object, got ${JSON.stringify(actual)}`);
    assert.deepEqual(Object.keys(actual), Object.keys(golden), `${at}: keys (and their order)`);
    for (const [k, g] of Object.entries(golden)) assertGolden((actual as Record<string, unknown>)[k], g, vars, `${at}.${k}`);
    return;
  }
  assert.deepEqual(actual, golden, at);
}
