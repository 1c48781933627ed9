// Dispatch (docs/architecture.md §5): a batch's numbers become callees, one per distinct number the batch added,
// in upload order, spelled as uploaded and dialed by their normalised key, with their TTS values.
import { emptyRecord, own } from '../domain/own.js';
import { numberKey } from '../domain/phone-number.js';
import type { NewCallee, PendingBatch } from '../store/sql/engine.js';

export function buildCallees(batch: Pick<PendingBatch, 'numbers' | 'new_keys' | 'tts_head' | 'tts_params' | 'next_seq'>): NewCallee[] {
  const wanted = new Set(batch.new_keys);
  const callees: NewCallee[] = [];
  let seq = batch.next_seq;
  for (const number of batch.numbers) {
    const key = numberKey(number);
    if (key === null || !wanted.delete(key)) continue; // a duplicate, kept in the batch for the report
    callees.push({ seq: seq++, number, dial: key, tts: ttsOf(batch, number) });
  }
  return callees;
}

function ttsOf(batch: Pick<PendingBatch, 'tts_head' | 'tts_params'>, number: string): Record<string, string> | null {
  if (batch.tts_head.length === 0) return null;
  const values = own(batch.tts_params, number) ?? own(batch.tts_params, 'all');
  if (!values) return null;
  const vars = emptyRecord<string>();
  batch.tts_head.forEach((name, i) => { vars[name] = values[i] ?? ''; });
  return vars;
}
