// What a call costs (DESIGN §5, DECISIONS D7): answered calls pay per started minute, at least one;
// calls never answered are free. Integer fen throughout.

const MINUTE_MS = 60_000;

export function callCostFen(answeredMs: number | null, pricePerMinuteFen: number): number {
  if (answeredMs === null) return 0;
  return Math.max(1, Math.ceil(answeredMs / MINUTE_MS)) * pricePerMinuteFen;
}
