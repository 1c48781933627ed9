// What text robotcall accepts from clients: no control characters. PostgreSQL cannot store NUL (a
// request carrying one answered 500), and the others have no business in names, numbers or spoken
// texts. Forbidden: C0 controls (tab and newlines too), DEL, the non-characters U+FFFE/U+FFFF,
// lone surrogates (JSON can escape one; it is not text), and the invisible formatting characters
// that make a text show other than it is: the byte order mark U+FEFF (a name that looks like
// another's, a number that looks valid) and the bidi embeddings, overrides and isolates
// U+202A-U+202E, U+2066-U+2069 (a right-to-left override shows a task name reversed).

// With the u flag, \p{Cs} matches only a surrogate that is not half of a pair. Matching control
// characters is the point here, which the lint rule cannot know.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f\ufeff\u202a-\u202e\u2066-\u2069\ufffe\uffff\p{Cs}]/u;

export function hasControlChar(text: string): boolean {
  return FORBIDDEN.test(text);
}

/** Length in Unicode code points, as "at most 30 characters" means for Chinese names. */
export function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * More than `max` code points. A code point is one or two UTF-16 units, so the cheap length decides
 * all but lengths between max and 2 x max (counting a 7 MiB text took 276 ms).
 */
export function longerThan(text: string, max: number): boolean {
  return text.length > max && (text.length > 2 * max || codePoints(text) > max);
}

/**
 * Where the first string or object key holding a control character sits in a parsed JSON value,
 * as a path (`$.nodes.a.say`), or null when there is none.
 */
export function findControlChar(value: unknown, path = '$'): string | null {
  if (typeof value === 'string') return hasControlChar(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findControlChar(value[i], `${path}[${i}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (hasControlChar(key)) return `${path} (a key)`;
      const found = findControlChar(v, `${path}.${key}`);
      if (found !== null) return found;
    }
  }
  return null;
}
