// The documented maximum of every text and number list an API client sends (README "Limits"):
// Alibaba's where its documentation gives one, else ours. Unbounded text was a denial of service:
// a 7 MB CorpName on 10 tasks slowed every account's campaign tenfold (each task row is rewritten as
// it runs) and wrote 2 GB of WAL in 40 s.

/** docs/api/CreateRobotTask.md, docs/api/BatchRobotSmartCall.md: at most 30 characters. */
export const MAX_TASK_NAME = 30;
/** Must equal the company name on the qualification page; the longest registered names are about 50. */
export const MAX_CORP_NAME = 100;
/** docs/api/BatchRobotSmartCall.md: CalledShowNumber lists 1-100 numbers; CreateRobotTask's Caller the same. */
export const MAX_CALLERS = 100;
/** 100 numbers of up to 20 characters with their commas, and room for blanks around them. */
export const MAX_CALLER_TEXT = 2_500;
/** The six redialable codes with their commas take 41; the rest is room for blanks. */
export const MAX_RECALL_STATE_CODES_TEXT = 100;
/** CalledNumber text: 20 characters a number at the per-call limits (100,000 per upload, 1,000 per batch call). */
export const MAX_UPLOAD_NUMBERS_TEXT = 2_000_000;
export const MAX_BATCH_NUMBERS_TEXT = 20_000;
/** TtsParamHead: variables a robot's dialog can use, and their names. */
export const MAX_TTS_VARIABLES = 30;
export const MAX_TTS_NAME = 50;
/** 30 names of 50 characters, each JSON-escaped (\uXXXX is 6 characters) would need 9,300. */
export const MAX_TTS_HEAD_TEXT = 10_000;
/** A TtsParam value is spoken by the robot: a sentence, not a document. */
export const MAX_TTS_VALUE = 500;
/** A callee number in a filter (Called, Callee): the longest valid form, 0086 + 11 digits, is 15. */
export const MAX_NUMBER_FILTER = 32;
/** TtsParam is the one parameter that may fill a request: its bound is the body limit (docs/decisions.md D9). */
export const MAX_TTS_PARAM_TEXT = 8 * 1024 * 1024;
/**
 * Alibaba types page numbers and counts int32, and PostgreSQL compares the call filters as int4:
 * a DurationFrom of 2^31 answered 500 before this bound.
 */
export const INT32_MAX = 2_147_483_647;
/** CallResult is a six-digit state code. */
export const MAX_STATE_CODE = 999_999;
