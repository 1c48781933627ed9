// Typed domain failures; the API boundary renders them with the catalogue's business codes.

export type DomainErrorCode =
  | 'isv.TEMPLATE_ILLEGAL'
  | 'isv.DISPLAY_NUMBER_ILLEGAL'
  | 'isv.MOBILE_NUMBER_ILLEGAL'
  | 'isv.MOBILE_COUNT_OVER_LIMIT'
  | 'isv.VOICE_ROBOT_CALLEE_LIMIT'
  | 'isv.TEMPLATE_MISSING_PARAMETERS'
  | 'isv.AMOUNT_NOT_ENOUGH'
  | 'isv.VOICE_ROBOT_NOT_PERIOD'
  | 'isv.TASK_NOT_FOUND'
  | 'isv.TASK_STATUS_NOT_ALLOWED'
  | 'isv.TASK_NO_CALLEE'
  | 'isv.CALL_RECORD_NOT_FOUND';

export class DomainError extends Error {
  constructor(readonly code: DomainErrorCode, readonly detail: string) {
    super(`${code}: ${detail}`);
  }
}
