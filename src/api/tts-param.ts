// Parses UploadRobotTaskCalledFile's TtsParamHead / TtsParam JSON texts (docs/api/UploadRobotTaskCalledFile.md).
import { invalid } from './errors.js';
import type { TtsValues } from '../app/callee-batch.js';
import { MAX_TTS_NAME, MAX_TTS_VALUE, MAX_TTS_VARIABLES } from '../domain/limits.js';
import { DomainError } from '../domain/errors.js';
import { emptyRecord } from '../domain/own.js';
import { jsonTextProblem, longerThan } from '../domain/plain-text.js';


export function parseTts(headText: string | undefined, paramText: string | undefined, numbers: ReadonlySet<string>): TtsValues {
  if (headText === undefined && paramText === undefined) return { head: [], byNumber: {} };
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
  const byNumber = emptyRecord<string[]>();
  for (const e of entries as unknown[]) {
    const entry = e as { number?: unknown; params?: unknown };
    if (typeof entry?.number !== 'string' || !Array.isArray(entry.params)
      || !entry.params.every((v) => typeof v === 'string' || typeof v === 'number')) {
      throw invalid('TtsParam', 'each TtsParam entry must be {"number": "<callee or all>", "params": [values]}.');
    }
    if (entry.params.length > MAX_TTS_VARIABLES || entry.params.some((v) => longerThan(String(v), MAX_TTS_VALUE))) {
      throw invalid('TtsParam', `each TtsParam entry has at most ${MAX_TTS_VARIABLES} values of at most ${MAX_TTS_VALUE} characters.`);
    }
    if (entry.number !== 'all' && !numbers.has(entry.number)) {
      throw invalid('TtsParam', `TtsParam names ${entry.number}, which is not in CalledNumber.`);
    }
    if (entry.params.length < head.length) {
      throw new DomainError('isv.TEMPLATE_MISSING_PARAMETERS', `${entry.number} has ${entry.params.length} values for ${head.length} variables (${head.join(', ')}).`);
    }
    byNumber[entry.number] = entry.params.map(String);
  }
  return { head: head as string[], byNumber };
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
