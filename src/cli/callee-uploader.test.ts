import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Encoded, percentEncode, type ParamValue } from '../api/percent-encode.js';
import { CalleeUploader, ttsEntry } from './callee-uploader.js';

test('a TtsParam entry built piece by piece is the percent-encoded JSON.stringify of it, whatever the values hold', () => {
  const cases: Array<[string, string[]]> = [
    ['13800000001', ['张三', '100']],
    ['+8613800000002', ['a "quoted" \\ back\\slash', "it's (1+1)*2! ~_.-"]],
    ['0571-88889999', ['😀 emoji, 𠀋 and ½', '', ' spaced out ']],
    ['13800000003', []],
  ];
  for (const [number, params] of cases) {
    assert.equal(ttsEntry(number, params), percentEncode(JSON.stringify({ number, params })), JSON.stringify(params));
  }
  const joined = `%5B${cases.map(([n, p]) => ttsEntry(n, p)).join('%2C')}%5D`;
  assert.equal(joined, percentEncode(JSON.stringify(cases.map(([number, params]) => ({ number, params })))));
});

test('each batch is sent as written, though its buffer is written over once it was answered, and no other memory is', async () => {
  // The server's side is a stand-in here (the CLI tests send to a real one): it answers each upload a
  // little later, after more rows were added, and reads the batch's TtsParam again as it answers.
  // Small buffers come from node's shared pool, right after a small batch buffer taken from it.
  const victims: Buffer[] = [];
  const seen: string[] = [];
  const call = async (_action: string, params: ReadonlyMap<string, ParamValue>) => {
    victims.push(Buffer.from('VICTIM-DATA-VICTIM-DATA'));
    const tts = params.get('TtsParam') as Encoded;
    const sent = tts.text;
    await new Promise((r) => setTimeout(r, 5));
    assert.equal(tts.text, sent, 'the bytes did not change while the upload was in flight');
    seen.push(sent);
    return { status: 200, body: { Code: 'OK', Data: '1' }, text: '' };
  };
  for (const bytes of [600, 6 * 1024 * 1024]) {
    seen.length = 0;
    const uploader = new CalleeUploader(call, 1, ['name'], { rows: 3, bytes, inFlight: 2 });
    const rows = Array.from({ length: 20 }, (_, i) => [String(13800000000 + i), `客户${i} "${'x'.repeat(i)}"`] as const);
    for (const [number, name] of rows) await uploader.add(number, [name]);
    await uploader.finish();
    const expected = [];
    for (let i = 0; i < rows.length; i += 3) expected.push(percentEncode(JSON.stringify(rows.slice(i, i + 3).map(([number, name]) => ({ number, params: [name] })))));
    assert.deepEqual(seen.sort(), expected.sort(), `every batch, limit ${bytes} bytes`);
    assert.equal(uploader.sent, 20);
  }
  for (const victim of victims) assert.equal(victim.toString(), 'VICTIM-DATA-VICTIM-DATA');
});

test('a batch larger than the byte limit, written into a recycled buffer, stays inside it', async () => {
  // Under 4 KB the first buffer could have come from node's shared pool, and a recycled view of it
  // reached over whatever was allocated after it.
  const seen: string[] = [];
  const call = async (_action: string, params: ReadonlyMap<string, ParamValue>) => {
    seen.push((params.get('TtsParam') as Encoded).text);
    return { status: 200, body: { Code: 'OK', Data: '1' }, text: '' };
  };
  const uploader = new CalleeUploader(call, 1, ['name'], { rows: 1, bytes: 1000, inFlight: 1 });
  await uploader.add('13700000000', ['a']);
  await uploader.finish();
  const victim = Buffer.from('VICTIM-DATA-VICTIM-DATA');
  await uploader.add('13700000001', ['b']);
  await uploader.finish();
  await uploader.add('13700000002', ['z'.repeat(1500)]);
  await uploader.finish();
  assert.equal(victim.toString(), 'VICTIM-DATA-VICTIM-DATA');
  assert.equal(seen[2], percentEncode(JSON.stringify([{ number: '13700000002', params: ['z'.repeat(1500)] }])));
});

test('the first upload takes firstRows, the next ones rows each', async () => {
  const sizes: number[] = [];
  const call = async (_action: string, params: ReadonlyMap<string, ParamValue>) => {
    sizes.push(String(params.get('CalledNumber')).split(',').length);
    return { status: 200, body: { Code: 'OK', Data: '1' }, text: '' };
  };
  const uploader = new CalleeUploader(call, 1, [], { rows: 5, firstRows: 2, bytes: 1_000_000, inFlight: 1 });
  for (let i = 0; i < 13; i++) await uploader.add(String(13700000000 + i), []);
  await uploader.finish();
  assert.deepEqual(sizes, [2, 5, 5, 1]);
  assert.deepEqual([uploader.sent, uploader.uploads], [13, 4]);
});
