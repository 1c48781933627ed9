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
 * Held as text or as its bytes (percent-encoded text is ASCII: one byte a character), so such a value
 * can go into a request body without ever being one string of megabytes.
 */
export class Encoded {
  constructor(private readonly value: string | Buffer) {}

  get text(): string {
    return typeof this.value === 'string' ? this.value : this.value.toString('latin1');
  }

  get bytes(): Buffer {
    return typeof this.value === 'string' ? Buffer.from(this.value, 'latin1') : this.value;
  }
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

/**
 * canonicalQuery as bytes, for a form body, in parts: an Encoded value's bytes are a part as they are,
 * so a body of megabytes is sent and hashed without being copied into one buffer first.
 */
export function canonicalParts(params: ReadonlyMap<string, ParamValue>): Buffer[] {
  const keys = [...params.keys()].sort();
  const parts: Buffer[] = [];
  let text = '';
  for (let i = 0; i < keys.length; i++) {
    const v = params.get(keys[i]!)!;
    text += `${i ? '&' : ''}${percentEncode(keys[i]!)}=`;
    if (typeof v === 'string') text += percentEncode(v);
    else {
      parts.push(Buffer.from(text, 'latin1'), v.bytes);
      text = '';
    }
  }
  parts.push(Buffer.from(text, 'latin1'));
  return parts;
}
