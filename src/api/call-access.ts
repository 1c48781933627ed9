// The parameters of both call-detail actions (QueryDate: validated, not matched on; D13).
import { integer, required, text } from './param-schema.js';
import { MAX_NUMBER_FILTER } from '../domain/limits.js';
import { LATEST_QUERY_TIME } from '../domain/time-range.js';

export const CALL_DETAIL_PARAMS = {
  TaskId: required(integer(1)),
  Callee: required(text(MAX_NUMBER_FILTER)),
  QueryDate: required(integer(0, LATEST_QUERY_TIME)),
};
