// Parses UploadRobotTaskCalledFile's TtsParamHead / TtsParam JSON texts (docs/api/UploadRobotTaskCalledFile.md).
import { invalid } from './errors.js';
import type { TtsValues } from '../app/callee-batch.js';
import { MAX_TTS_NAME, MAX_TTS_VALUE, MAX_TTS_VARIABLES } from '../domain/limits.js';
import { DomainError } from '../domain/errors.js';
import { jsonTextProblem, longerThan } from '../domain/plain-text.js';


export function parseTts(headText: string | undefined, paramText: string | undefined, numbers: ReadonlySet<string>): TtsValues {
  if (headText === undefined && paramText === undefined) return { head: [], byNumber: new Map() };
  if (headText === undefined || paramText === undefined) {
    throw new DomainError('isv.TEMPLATE_MISSING_PARAMETERS', `${headText === undefined ? 'TtsParamHead' : 'TtsParam'} must be given together with ${headText === undefined ? 'TtsParam' : 'TtsParamHead'}.`);
  }
  const head = parseJson(headText, 'TtsParamHead');
  if (!Array.isArray(head) || !head.every((h) => typeof h === 'string' && h.length > 0)) {
    throw invalid('TtsParamHead', 'TtsParamHead must be a JSON array of variable names, e.g. ["name","amount"].');
  }
  if (head.length > MAX_TTS_VARIABLES || head.some((h: string) => longerThan(h, MAX_TTS_NAME))) {
    throw invalid('TtsParamHead', `TtsParamHead names at most ${MAX_TTS_VARIABLES} variables of at most ${MAX_TTS_NAME} characters.`);
  }
  const entries = parseJson(paramText, 'TtsParam');
  if (!Array.isArray(entries)) throw invalid('TtsParam', 'TtsParam must be a JSON array of {"number","params"} objects.');
  const byNumber = new Map<string, string[]>();
  // Plain loops: this runs for every entry of a 100,000-number upload.
  for (const e of entries as unknown[]) {
    const entry = e as { number?: unknown; params?: unknown };
    const values = typeof entry?.number === 'string' && Array.isArray(entry.params) ? ttsValues(entry.params) : null;
    if (values === null) throw invalid('TtsParam', 'each TtsParam entry must be {"number": "<callee or all>", "params": [values]}.');
    const number = entry.number as string;
    if (values.length > MAX_TTS_VARIABLES || anyLongerThan(values, MAX_TTS_VALUE)) {
      throw invalid('TtsParam', `each TtsParam entry has at most ${MAX_TTS_VARIABLES} values of at most ${MAX_TTS_VALUE} characters.`);
    }
    if (number !== 'all' && !numbers.has(number)) {
      throw invalid('TtsParam', `TtsParam names ${number}, which is not in CalledNumber.`);
    }
    if (values.length < head.length) {
      throw new DomainError('isv.TEMPLATE_MISSING_PARAMETERS', `${number} has ${values.length} values for ${head.length} variables (${head.join(', ')}).`);
    }
    byNumber.set(number, values);
  }
  return { head: head as string[], byNumber };
}

/**
 * An entry's values as texts (numbers as JSON wrote them), or null when one is neither. The parsed
 * array itself when it holds only texts, as it nearly always does: no copy per entry.
 */
function ttsValues(params: unknown[]): string[] | null {
  for (let i = 0; i < params.length; i++) {
    if (typeof params[i] !== 'string') {
      return params.every((v) => typeof v === 'string' || typeof v === 'number') ? params.map(String) : null;
    }
  }
  return params as string[];
}

function anyLongerThan(values: readonly string[], max: number): boolean {
  for (let i = 0; i < values.length; i++) if (longerThan(values[i]!, max)) return true;
  return false;
}

/** JSON escapes can carry what the parameter's own text check never sees (`\u0000`, a lone `\ud800`). */
function parseJson(text: string, name: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid(name, `${name} is not valid JSON.`);
  }
  const problem = jsonTextProblem(parsed);
  if (problem !== null) throw invalid(name, `${name} ${problem}.`);
  return parsed;
}
