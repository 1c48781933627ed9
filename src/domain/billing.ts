// What a call costs (docs/architecture.md §5, docs/decisions.md D7): answered calls pay per started minute, at least one;
// calls never answered are free. Integer fen throughout.

const MINUTE_MS = 60_000;

/**
 * Money stays far below 2^53 (README "Limits"): two top-ups of 2^53-1 fen once made every read of
 * the account fail. A balance, a top-up or a set balance is at most ±10^12 fen (¥10 billion); the
 * store refuses a balance past ±10^15 (migration 5), the room between being for the charges of calls
 * in flight when an account runs out, which no realistic campaign comes near.
 */
export const MAX_BALANCE_FEN = 1_000_000_000_000;
/** ¥1,000 a minute; with a call's minutes (int4 seconds) a cost stays below the store's 10^15. */
export const MAX_PRICE_PER_MINUTE_FEN = 100_000;

/** A balance the store refused (out of its range), e.g. concurrent top-ups past the bound. */
export class BalanceRangeError extends Error {}

export function callCostFen(answeredMs: number | null, pricePerMinuteFen: number): number {
  if (answeredMs === null) return 0;
  return Math.max(1, Math.ceil(answeredMs / MINUTE_MS)) * pricePerMinuteFen;
}
