// RFC 3986 percent-encoding as Alibaba's signers use it (docs/api/README.md §2.1, steps 1 and 2).
// This runs for every parameter of every request, so it avoids regex replaces where it can.

const NEEDS_MORE = /[!'()*]/;

/** encodeURIComponent plus `! ' ( ) *`; `~` stays literal, space is %20. */
export function percentEncode(value: string): string {
  const e = encodeURIComponent(value);
  return NEEDS_MORE.test(e) ? e.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`) : e;
}

/**
 * A value given already percent-encoded, as percentEncode would encode it: a client builds a value of
 * megabytes (an upload's TtsParam) encoded piece by piece rather than encoding it whole once more.
 */
export class Encoded {
  constructor(readonly text: string) {}
}

/** A parameter's value: text, or text percent-encoded already. */
export type ParamValue = string | Encoded;

/**
 * `k=v&...` sorted by name, each side percent-encoded. The default sort compares UTF-16 code
 * units, as Java's String.compareTo does on Alibaba's side; for the ASCII names of every
 * Dyvmsapi parameter that is also plain byte order.
 */
export function canonicalQuery(params: ReadonlyMap<string, ParamValue>, skip?: string): string {
  const keys: string[] = [];
  for (const k of params.keys()) if (k !== skip) keys.push(k);
  keys.sort();
  let out = '';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const v = params.get(k)!;
    out += `${i ? '&' : ''}${percentEncode(k)}=${typeof v === 'string' ? percentEncode(v) : v.text}`;
  }
  return out;
}
