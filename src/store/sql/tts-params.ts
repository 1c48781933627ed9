// How a batch's TTS values are stored: one JSON object, callee number (or `all`) to its values, in
// the batch's row. In memory they are a Map: filling a plain object with 20,000 numbers as keys,
// then stringifying it, was a seventh of the server's work in an import (README "Performance").

/** Pieces ttsParamsJson gathers its text into. */
const PIECE_CHARS = 65_536;

/**
 * The values as the stored JSON object's text, written entry by entry (JSON.stringify takes no Map),
 * in pieces of about 64 K characters: a batch's text is megabytes, and as one string it was made,
 * then flattened and copied again, in the old generation for every upload (bench/import.ts).
 */
export function ttsParamsJson(params: ReadonlyMap<string, readonly string[]>): string[] {
  const pieces: string[] = [];
  let out = '{';
  let first = true;
  for (const [number, values] of params) {
    out += `${first ? '' : ','}${JSON.stringify(number)}:${JSON.stringify(values)}`;
    first = false;
    if (out.length >= PIECE_CHARS) {
      pieces.push(out);
      out = '';
    }
  }
  pieces.push(`${out}}`);
  return pieces;
}

/** The stored object (as the driver parsed it) back as a Map; its keys are its own properties, `__proto__` included. */
export function ttsParamsOf(stored: Record<string, string[]>): Map<string, string[]> {
  return new Map(Object.entries(stored));
}
