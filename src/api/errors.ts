// The one catalogue of wire error codes: code, HTTP status, message template (docs/decisions.md D1).
// The README's error table is generated from this file (`npm run readme:errors`).

/** Gateway/parameter errors answer 4xx/5xx with HostId; business errors answer 200 without it. */
export type ErrorFamily = 'gateway' | 'business';

export interface ErrorSpec {
  status: number;
  family: ErrorFamily;
  /** `{name}`-style placeholders are filled from the error's params. */
  message: string;
  when: string;
}

export const ERRORS = {
  MissingParameter: { status: 400, family: 'gateway', message: '{name} is mandatory for this action.', when: 'a required parameter is absent or empty; the code is Missing{Name}, e.g. MissingTaskName' },
  InvalidParameter: { status: 400, family: 'gateway', message: 'Specified parameter {name} is not valid. {detail}', when: 'a value fails type, format, range, enum or length; the code is Invalid{Name}, e.g. InvalidRecallInterval' },
  'InvalidParameter.Format': { status: 400, family: 'gateway', message: 'Specified parameter Format is not valid, only XML and JSON are supported.', when: 'Format other than JSON/XML (any case)' },
  'InvalidAccessKeyId.NotFound': { status: 404, family: 'gateway', message: 'Specified access key is not found. {detail}', when: 'unknown AccessKeyId, or one not of 1-64 characters A-Z a-z 0-9 . _ - (checked before any lookup); in any-key mode, a new one once 10,000 have been adopted' },
  'InvalidAccessKeyId.Inactive': { status: 400, family: 'gateway', message: 'Specified access key is disabled.', when: 'disabled AccessKeyId' },
  SignatureDoesNotMatch: { status: 400, family: 'gateway', message: 'Specified signature is not matched with our calculation. {detail}', when: 'bad signature; the message carries the server string to sign (v1) or canonical request and string to sign (V3), cut at 4,000 characters with a marker' },
  IncompleteSignature: { status: 400, family: 'gateway', message: 'The request signature does not conform to Aliyun standards. {detail}', when: 'V3 Authorization missing or malformed, or a required header not signed' },
  InvalidContentSha256: { status: 400, family: 'gateway', message: 'The x-acs-content-sha256 header does not match the SHA-256 of the request body.', when: 'V3 body hash mismatch' },
  InvalidSignatureMethod: { status: 400, family: 'gateway', message: 'Specified signature method is not supported: {detail}', when: 'anything but HMAC-SHA1 (v1) or ACS3-HMAC-SHA256 / ACS3-HMAC-SM3 (V3)' },
  'InvalidTimeStamp.Format': { status: 400, family: 'gateway', message: 'Specified time stamp or date value is not well formatted.', when: 'Timestamp / x-acs-date not yyyy-MM-ddTHH:mm:ssZ, or not a real date and time (2026-02-30, T24:00:00)' },
  'InvalidTimeStamp.Expired': { status: 400, family: 'gateway', message: 'Specified time stamp or date value is expired.', when: 'more than 15 minutes from the server wall clock' },
  SignatureNonceUsed: { status: 400, family: 'gateway', message: 'Specified signature nonce was used already.', when: 'the (AccessKeyId, nonce) pair was accepted for a request whose signed time is still within 15 minutes (embedded: per minute of signed time)' },
  'InvalidAction.NotFound': { status: 404, family: 'gateway', message: 'Specified api is not found, please check your url and method. {detail}', when: 'unknown Action' },
  InvalidVersion: { status: 400, family: 'gateway', message: 'Specified parameter Version is not valid.', when: 'Version other than 2017-05-25' },
  UnsupportedHTTPMethod: { status: 400, family: 'gateway', message: 'The HTTP method {detail} is not supported; use GET or POST.', when: 'not GET/POST' },
  'InvalidSecurityToken.NotSupported': { status: 400, family: 'gateway', message: 'Security tokens (STS) are not supported in strict auth mode.', when: 'an STS token in strict mode (accepted in any-key mode)' },
  Throttling: { status: 400, family: 'gateway', message: 'Request was denied due to request throttling. {detail}', when: 'the embedded store already remembers --max-nonces requests (each is kept while it could be replayed); header x-acs-retry-after: <ms until the oldest are forgotten>' },
  'Throttling.User': { status: 400, family: 'gateway', message: 'Request was denied due to user flow control.', when: 'over --rate-limit requests/s for the account; header x-acs-retry-after: <ms>' },
  RequestTooLarge: { status: 413, family: 'gateway', message: 'The request is too large: {detail}', when: 'URL over 1 MiB or body over 8 MiB' },
  InternalError: { status: 500, family: 'gateway', message: 'The request processing has failed due to some unknown error.', when: 'anything unexpected; details only in the server log' },

  'isv.TEMPLATE_ILLEGAL': { status: 200, family: 'business', message: 'The robot {detail} does not exist or has not passed audit.', when: 'unknown robot (DialogId), another account\'s robot, or a robot not AUDITPASS' },
  'isv.DISPLAY_NUMBER_ILLEGAL': { status: 200, family: 'business', message: 'The caller number {detail} is not owned by this account.', when: 'a Caller number is not the account\'s and IsSelfLine is not true' },
  'isv.MOBILE_NUMBER_ILLEGAL': { status: 200, family: 'business', message: 'The phone number {detail} is not a valid mainland China number.', when: 'a callee number fails validation; the message names it' },
  'isv.MOBILE_COUNT_OVER_LIMIT': { status: 200, family: 'business', message: '{detail}', when: 'over 100,000 numbers in one Upload; over 300,000 distinct numbers, 1,000 uploads or 1,000,000 numbers as uploaded (duplicates included) in a task' },
  'isv.VOICE_ROBOT_CALLEE_LIMIT': { status: 200, family: 'business', message: 'More than 1000 callees in one request.', when: 'BatchRobotSmartCall with more than 1,000 callees' },
  'isv.TEMPLATE_MISSING_PARAMETERS': { status: 200, family: 'business', message: 'TTS template variables are missing: {detail}', when: 'TtsParam without TtsParamHead (or the reverse), or params shorter than the head' },
  'isv.AMOUNT_NOT_ENOUGH': { status: 200, family: 'business', message: 'The account balance is not enough.', when: 'resuming an ARREARS_STOP task while the balance is still at or below zero' },
  'isv.VOICE_ROBOT_NOT_PERIOD': { status: 200, family: 'business', message: 'The call time falls outside the allowed calling period ({detail}).', when: 'a ScheduleTime outside the configured calling hours' },
  'isv.TASK_NOT_FOUND': { status: 200, family: 'business', message: 'The task {detail} does not exist.', when: 'unknown task id, another account\'s task, or a deleted task (indistinguishable)' },
  'isv.TASK_STATUS_NOT_ALLOWED': { status: 200, family: 'business', message: '{detail}', when: 'the action is not allowed in the task\'s current status (docs/decisions.md D4), including an action already in effect' },
  'isv.CALL_RECORD_NOT_FOUND': { status: 200, family: 'business', message: 'No call record for {detail}.', when: 'QueryRobotTaskCallDetail / QueryCallDetailByTaskId for a callee of the task with no ended call yet (or not in the task)' },
  'isv.TASK_NO_CALLEE': { status: 200, family: 'business', message: 'The task {detail} has no callee numbers; upload numbers before starting it.', when: 'StartRobotTask on a task with no uploaded numbers' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorKey = keyof typeof ERRORS;

/** A failure rendered as a wire envelope by the single error boundary. */
export class ApiError extends Error {
  readonly code: string;
  readonly spec: ErrorSpec;
  readonly headers: Record<string, string>;

  constructor(key: ErrorKey, detail = '', opts: { code?: string; name?: string; headers?: Record<string, string> } = {}) {
    const spec = ERRORS[key];
    super(fill(spec.message, { detail: boundDetail(detail), name: opts.name ?? '' }));
    this.code = opts.code ?? key;
    this.spec = spec;
    this.headers = opts.headers ?? {};
  }

  get status(): number {
    return this.spec.status;
  }
}

/**
 * Details echo what the client sent (a string to sign, a number, a method). A request of megabytes
 * made an error body of megabytes, so at most this many characters are echoed, the cut marked.
 * Normal requests stay far below it: the official clients compare the string to sign exactly.
 */
export const MAX_DETAIL_CHARS = 4000;

export function boundDetail(text: string, max = MAX_DETAIL_CHARS): string {
  if (text.length <= max) return text;
  const marker = `...[truncated, ${text.length} characters in all]`;
  let end = max - marker.length;
  // Never end on half of a surrogate pair: a lone surrogate is not text.
  if (/[\ud800-\udbff]/.test(text.charAt(end - 1))) end--;
  return text.slice(0, end) + marker;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '').trim();
}

export function missing(name: string): ApiError {
  return new ApiError('MissingParameter', '', { code: `Missing${name}`, name });
}

export function invalid(name: string, detail = ''): ApiError {
  return new ApiError('InvalidParameter', detail, { code: `Invalid${name}`, name });
}
