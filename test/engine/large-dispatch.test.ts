// Dispatching a big task lets the server answer meanwhile (docs/architecture.md §5): callees are
// inserted a few thousand at a time with the event loop let in between. Before, 300,000 numbers
// held the event loop for ~7 s on the embedded store: from the Start's answer (the engine starts the
// pass on the next timer) until every callee was made, no request at all was answered.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { client } from '../support/clients.js';
import { startTestServer, usePostgres, type TestServer } from '../support/test-server.js';

let s: TestServer;
before(async () => { s = await startTestServer({ flags: { clock: 'manual' } }); });
after(async () => { await s.close(); });

const callees = async (id: number) =>
  ((await (await fetch(`http://127.0.0.1:${s.port}/_robotcall/tasks/${id}`)).json()) as { callees: number }).callees;

// PostgreSQL runs SQL off this thread and made these callees in a fraction of a second: nothing to see.
const skip = usePostgres && 'the stall was PGlite running SQL on the event loop';

test('requests are answered while 200,000 numbers are dispatched', { skip }, async () => {
  const call = client('openapi-v3', s, { formBody: true });
  const id = Number((await call('CreateRobotTask', {
    TaskName: 'big dispatch', DialogId: 1000000075003, Caller: '057156860008', NumberStatusIdent: false, RetryType: 0,
  })).body.Data);
  for (let b = 0; b < 2; b++) {
    const numbers = Array.from({ length: 100_000 }, (_, i) => `13${b}${String(i).padStart(8, '0')}`).join(',');
    assert.equal((await call('UploadRobotTaskCalledFile', { Id: id, CalledNumber: numbers })).body.Code, 'OK');
  }
  assert.equal((await call('StartRobotTask', { TaskId: id })).body.Code, 'OK');
  // Until the callees are all made (reads of them wait for the dispatch), health checks go one
  // after another: with the event loop held, at most one could slip in before the pass began.
  let dispatched = false;
  const done = (async () => {
    while ((await callees(id)) < 200_000) { /* read again */ }
    dispatched = true;
  })();
  let answered = 0;
  while (!dispatched) {
    assert.equal((await fetch(`http://127.0.0.1:${s.port}/_robotcall/health`)).status, 200);
    if (!dispatched) answered++;
  }
  await done;
  assert.ok(answered >= 3, `${answered} requests answered during the dispatch`);
});
