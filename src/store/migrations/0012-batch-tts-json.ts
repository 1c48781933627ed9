// Migration 12: a batch's TTS values stored as json, not jsonb. They are only ever written and read
// whole (never queried inside), and jsonb's parse into its binary form, sorting 20,000 keys, was a
// third of what an upload's COPY cost PGlite (bench/import.ts; README "Performance"); json keeps the
// text as written, checked only for being valid JSON.
export const sql = `
alter table called_batches alter column tts_params type json using tts_params::json;
`;
