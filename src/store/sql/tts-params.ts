// How a batch's TTS values are stored: one JSON object, callee number (or `all`) to its values, in
// the batch's row. In memory they are a Map: filling a plain object with 20,000 numbers as keys,
// then stringifying it, was a seventh of the server's work in an import (README "Performance").

/** The values as the stored JSON object's text, written entry by entry (JSON.stringify takes no Map). */
export function ttsParamsJson(params: ReadonlyMap<string, readonly string[]>): string {
  let out = '{';
  for (const [number, values] of params) out += `${out.length > 1 ? ',' : ''}${JSON.stringify(number)}:${JSON.stringify(values)}`;
  return `${out}}`;
}

/** The stored object (as the driver parsed it) back as a Map; its keys are its own properties, `__proto__` included. */
export function ttsParamsOf(stored: Record<string, string[]>): Map<string, string[]> {
  return new Map(Object.entries(stored));
}
