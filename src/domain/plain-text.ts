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

/** How deep client JSON may nest (README "Limits"): far above any real TtsParam or dialog. */
export const MAX_JSON_DEPTH = 64;

/**
 * What is wrong with a parsed JSON value, as the end of a sentence: it nests deeper than
 * MAX_JSON_DEPTH, or a string or key holds a control character (at a path like `$.nodes.a.say`);
 * null when nothing is. A first walk only looks; the path is spelled out by a second walk when
 * something was found, since building a path for every node of a 300,000-entry TtsParam cost more
 * than parsing it.
 */
export function jsonTextProblem(value: unknown): string | null {
  return firstProblem(value, false) === null ? null : firstProblem(value, true);
}

/**
 * Iterative: a recursive walk overflowed the stack on 100,000 nested arrays. Children are pushed
 * last-first, so the first problem in document order is the one named. With `named` false the
 * answer is only '' or null.
 */
function firstProblem(value: unknown, named: boolean): string | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '$', depth: 0 }];
  while (stack.length > 0) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (hasControlChar(v)) return named ? `holds a control character at ${path}` : '';
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return named ? `nests deeper than ${MAX_JSON_DEPTH} levels` : '';
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: named ? `${path}[${i}]` : path, depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(v);
    for (const key of keys) if (hasControlChar(key)) return named ? `holds a control character at ${path} (a key)` : '';
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      stack.push({ value: (v as Record<string, unknown>)[key], path: named ? `${path}.${key}` : path, depth: depth + 1 });
    }
  }
  return null;
}
