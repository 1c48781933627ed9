// How a SIP call's end becomes a state code (docs/decisions.md D15): the one table, read by the SIP
// carrier and printed in the README. A `Reason: Q.850;cause=N` header wins over the status.

/** Final status → state code (docs/api/README.md §4.2). 200 is answered: 200000, or 200001 when the callee hung up before the dialog ended. */
export const STATUS_CODES: ReadonlyArray<{ statuses: readonly number[]; code: string; meaning: string }> = [
  { statuses: [486, 600], code: '200002', meaning: 'busy' },
  { statuses: [408, 480, 483], code: '200003', meaning: 'no answer (also no final answer within --ring-timeout: robotcall sends CANCEL)' },
  { statuses: [404, 484, 485, 604], code: '200004', meaning: 'number does not exist' },
  { statuses: [603, 401, 403, 407], code: '200005', meaning: 'rejected (401/407 once our credentials were refused)' },
  { statuses: [410], code: '200011', meaning: 'number changed' },
  { statuses: [500, 502, 503, 504], code: '200012', meaning: 'call loss (also a transport failure, and any status not listed)' },
];

/** Q.850 cause → state code; wins over the status. */
export const CAUSE_CODES: ReadonlyArray<{ causes: readonly number[]; code: string; meaning: string }> = [
  { causes: [1], code: '200004', meaning: 'unallocated number' },
  { causes: [17], code: '200002', meaning: 'user busy' },
  { causes: [18, 19], code: '200003', meaning: 'no user responding / no answer' },
  { causes: [20], code: '200010', meaning: 'subscriber absent (powered off)' },
  { causes: [21], code: '200005', meaning: 'call rejected' },
  { causes: [22], code: '200011', meaning: 'number changed' },
  { causes: [27], code: '200007', meaning: 'destination out of order' },
  { causes: [34, 41, 42], code: '200012', meaning: 'no circuit / temporary failure / congestion' },
];

export const CALL_LOSS = '200012';
export const NO_ANSWER = '200003';

const byStatus = new Map(STATUS_CODES.flatMap((r) => r.statuses.map((s) => [s, r.code] as const)));
const byCause = new Map(CAUSE_CODES.flatMap((r) => r.causes.map((c) => [c, r.code] as const)));

/** The Q.850 cause in Reason header values (RFC 3326), if any. */
export function q850Cause(reasons: readonly string[]): number | null {
  for (const r of reasons) {
    const m = /^\s*Q\.850\s*;(?:.*;)?\s*cause\s*=\s*(\d{1,3})\b/i.exec(r);
    if (m) return Number(m[1]);
  }
  return null;
}

/** The state code of a call that failed with this final status (not 2xx) and Reason values. */
export function failureCode(status: number, reasons: readonly string[]): string {
  const cause = q850Cause(reasons);
  if (cause !== null && byCause.has(cause)) return byCause.get(cause)!;
  return byStatus.get(status) ?? CALL_LOSS;
}

/** What early media identified (NumberStatusIdent): the cause of a Reason heard with a 183, as a state code. */
export function earlyMediaCode(reasons: readonly string[]): string | null {
  const cause = q850Cause(reasons);
  return cause === null ? null : (byCause.get(cause) ?? null);
}
