// Idle keep-alive connections (README "Limits"): a client that pools its connections, as the official
// SDKs do through node's agent, may send its next request on an idle one at any moment. Node's agent
// ignores the server's Keep-Alive hint unless it has a timeout of its own, so when the server closed
// idle connections after 5 s, a request sent as that timer fired was lost as "socket hang up" (CI
// lost a poll that way after a 5 s pause). They stay open 65 s: past a poll's pause, and past the 60 s
// idle timeout of the usual load balancers, which must close first.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from '../support/test-server.js';

let s: TestServer;
before(async () => { s = await startTestServer({ flags: { engine: 'off' } }); });
after(async () => { await s.close(); });

function get(agent: http.Agent): Promise<{ reused: boolean; keepAlive: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ port: s.port, host: '127.0.0.1', path: '/_robotcall/health', agent }, (res) => {
      res.resume().on('end', () => resolve({ reused: req.reusedSocket, keepAlive: res.headers['keep-alive'] as string | undefined }));
    });
    req.on('error', reject);
  });
}

test('an idle keep-alive connection is still open after 6 s, and the server says it keeps it 65 s', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const first = await get(agent);
    assert.equal(first.keepAlive, 'timeout=65');
    await new Promise((r) => setTimeout(r, 6_000));
    assert.equal((await get(agent)).reused, true, 'the second request went over the first connection');
  } finally {
    agent.destroy();
  }
});

test('past the connection limit a new connection is closed at once, and one freed makes room', async () => {
  const small = await startTestServer({ flags: { engine: 'off' }, start: { httpTimeouts: { maxConnections: 3 } } });
  const agents = Array.from({ length: 4 }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  const health = (agent: http.Agent) => new Promise<number>((resolve, reject) => {
    http.get({ port: small.port, host: '127.0.0.1', path: '/_robotcall/health', agent }, (res) => { res.resume().on('end', () => resolve(res.statusCode!)); })
      .on('error', reject);
  });
  try {
    for (const agent of agents.slice(0, 3)) assert.equal(await health(agent), 200);
    await assert.rejects(health(agents[3]!), /socket hang up|ECONNRESET/, 'a fourth connection while three are held open');
    agents[0]!.destroy();
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(await health(agents[3]!), 200, 'room once one closed');
  } finally {
    for (const agent of agents) agent.destroy();
    await small.close();
  }
});
