// Mainland China callee number rules (docs/decisions.md D5): what is accepted and what counts as the same number.

// Mobile: 11 digits starting 13-19, optionally prefixed +86 / 86 / 0086.
const MOBILE = /^(?:\+86|0086|86)?(1[3-9]\d{9})$/;
// Landline: trunk 0 + area code (2-3 digits after the 0) + 7-8 digit subscriber, optional hyphen.
const LANDLINE = /^(0\d{2,3})-?(\d{7,8})$/;

/** The key two spellings of one number share (`+8613800138000` = `13800138000`), or null if invalid. */
export function numberKey(raw: string): string | null {
  const mobile = MOBILE.exec(raw);
  if (mobile) return mobile[1]!;
  const landline = LANDLINE.exec(raw);
  if (landline && landline[1]!.length + landline[2]!.length <= 12) return landline[1]! + landline[2]!;
  return null;
}

/** Splits a comma-separated list, trimming blanks; empty entries (a trailing comma) are dropped. */
export function splitNumbers(list: string): string[] {
  return list.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

/**
 * A number an account may show as caller (its own line, or one it registers): 3-20 digits, a
 * leading + and inner hyphens allowed. Callers are not only mainland numbers, and are compared as written.
 */
export const CALLER_NUMBER = /^(?=.{3,20}$)\+?\d+(?:-\d+)*$/;
