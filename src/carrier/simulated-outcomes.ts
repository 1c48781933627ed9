// Which state code the simulated carrier ends a dial with (docs/decisions.md D8), deterministic in
// (seed, number, attempt) so a test suite sees the same campaign every run. Pure: no clock, no I/O.
//
// Magic test numbers, as Twilio's test numbers do, apply only when the six-digit suffix is a code
// a carrier can end a call with:
//   13800 + code       → that code on every attempt        (13800200002: always busy)
//   139 + NN + code    → that code on the first NN attempts, then answered
//                        (13902200010: powered off twice, answered on the third dial)
// Every other number draws from DEFAULT_DISTRIBUTION.

export const ANSWERED = '200000';

/** Final codes of docs/api/README.md §4.2 (the intermediate 200100–200103 and 200201 are not final). */
export const CARRIER_FINAL_CODES: ReadonlySet<string> = new Set([
  '200000', '200001', '200002', '200003', '200004', '200005', '200006', '200007', '200008', '200010', '200011', '200012',
  '200104', '200105', '200111', '200112', '200113', '200116', '200117', '200118', '200119', '200120', '200121', '200130',
]);

/**
 * Outcomes of ordinary numbers, in percent; shaped after a typical outbound campaign. The
 * redialable codes (busy, no answer, unreachable, powered off, suspended, call loss) are all
 * present, so a default campaign exercises redials.
 */
export const DEFAULT_DISTRIBUTION: ReadonlyArray<readonly [code: string, percent: number]> = [
  ['200000', 60], // answered
  ['200003', 10], // no answer
  ['200002', 8], // busy
  ['200005', 6], // unreachable
  ['200010', 5], // powered off
  ['200001', 3], // hung up early
  ['200011', 3], // suspended
  ['200004', 3], // invalid number
  ['200012', 2], // call loss
];

/** The code a magic number forces on this attempt (1-based), or null if the number is not magic. */
export function magicOutcome(number: string, attempt: number): string | null {
  if (!/^\d{11}$/.test(number)) return null;
  if (number.startsWith('13800')) {
    const code = number.slice(5);
    return CARRIER_FINAL_CODES.has(code) ? code : null;
  }
  if (number.startsWith('139')) {
    const code = number.slice(5);
    if (!CARRIER_FINAL_CODES.has(code)) return null;
    return attempt <= Number(number.slice(3, 5)) ? code : ANSWERED;
  }
  return null;
}

export function simulatedOutcome(seed: number, number: string, attempt: number): string {
  const magic = magicOutcome(number, attempt);
  if (magic !== null) return magic;
  let point = unitHash(`${seed}:${number}:${attempt}`) * 100;
  for (const [code, percent] of DEFAULT_DISTRIBUTION) {
    if (point < percent) return code;
    point -= percent;
  }
  return ANSWERED;
}

/** A uniform value in [0, 1) from a string: FNV-1a, then murmur3's finaliser to spread the bits. */
export function unitHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
}
