// Type parsers both drivers install, so rows look the same on PGlite and PostgreSQL (docs/decisions.md D10).

export const INT8_OID = 20;

/** bigint columns come back as numbers; a value past 2^53 would silently lose digits, so it throws. */
export function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`bigint value ${text} exceeds 2^53 and cannot be represented`);
  return n;
}
