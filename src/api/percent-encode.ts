// RFC 3986 percent-encoding as Alibaba's signers use it (api/README.md §2.1 step 3).

/** encodeURIComponent plus `! ' ( ) *`; `~` stays literal, space is %20. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `k=v&...` sorted by name in code-point order, each side percent-encoded. */
export function canonicalQuery(params: ReadonlyMap<string, string>, skip?: string): string {
  const keys = [...params.keys()].filter((k) => k !== skip).sort(compareCodePoints);
  return keys.map((k) => `${percentEncode(k)}=${percentEncode(params.get(k) ?? '')}`).join('&');
}

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
