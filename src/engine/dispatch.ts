// Dispatch (docs/architecture.md §5): a batch's numbers become callees, one per distinct number the batch added,
// in upload order, spelled as uploaded and dialed by their normalised key, with their TTS values.
import { emptyRecord } from '../domain/own.js';
import { numberKey } from '../domain/phone-number.js';
import type { NewCallee, UndispatchedBatch } from '../store/engine-store.js';

export function buildCallees(batch: Pick<UndispatchedBatch, 'numbers' | 'newKeys' | 'ttsHead' | 'ttsParams' | 'nextSeq'>): NewCallee[] {
  const wanted = new Set(batch.newKeys);
  const callees: NewCallee[] = [];
  let seq = batch.nextSeq;
  for (const number of batch.numbers) {
    const key = numberKey(number);
    if (key === null || !wanted.delete(key)) continue; // a duplicate, kept in the batch for the report
    callees.push({ seq: seq++, number, dial: key, tts: ttsOf(batch, number) });
  }
  return callees;
}

function ttsOf(batch: Pick<UndispatchedBatch, 'ttsHead' | 'ttsParams'>, number: string): Record<string, string> | null {
  if (batch.ttsHead.length === 0) return null;
  const values = batch.ttsParams.get(number) ?? batch.ttsParams.get('all');
  if (!values) return null;
  const vars = emptyRecord<string>();
  batch.ttsHead.forEach((name, i) => { vars[name] = values[i] ?? ''; });
  return vars;
}
