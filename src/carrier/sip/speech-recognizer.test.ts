// The recognizer client against a real HTTP server of the test's, answering well and badly.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { test } from 'node:test';
import { httpRecognizer } from './speech-recognizer.js';

async function endpoint(answer: (res: import('node:http').ServerResponse) => void) {
  const server = createServer((req, res) => { req.resume(); req.on('end', () => answer(res)); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(resolve)) };
}

const pcm = new Int16Array(800);

test('the text of a 200 JSON answer is the reply, cut at 500 characters', async () => {
  const e = await endpoint((res) => res.writeHead(200).end(JSON.stringify({ text: '好'.repeat(600) })));
  try {
    assert.equal(await httpRecognizer(e.url, (err) => assert.fail(String(err)))({ taskId: 1, callId: 2, pcm }), '好'.repeat(500));
  } finally {
    await e.close();
  }
});

test('an endpoint that fails, answers without text, or answers too much is not understood, and says why', async () => {
  const bad: Array<[string, (res: import('node:http').ServerResponse) => void, RegExp]> = [
    ['500', (res) => res.writeHead(500).end('{}'), /answered 500/],
    ['no text', (res) => res.writeHead(200).end('{"text": 5}'), /no "text"/],
    ['not JSON', (res) => res.writeHead(200).end('<html>'), /JSON/],
    ['huge', (res) => res.writeHead(200).end('x'.repeat(70_000)), /over 65536 bytes/],
  ];
  for (const [what, answer, why] of bad) {
    const e = await endpoint(answer);
    const errors: unknown[] = [];
    try {
      assert.equal(await httpRecognizer(e.url, (err) => errors.push(err))({ taskId: 1, callId: 2, pcm }), null, what);
      assert.match(String(errors[0]), why, what);
    } finally {
      await e.close();
    }
  }
  const errors: unknown[] = [];
  assert.equal(await httpRecognizer('http://127.0.0.1:9/', (err) => errors.push(err))({ taskId: 1, callId: 2, pcm }), null, 'nothing listening');
  assert.equal(errors.length, 1);
});
