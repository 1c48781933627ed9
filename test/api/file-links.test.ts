import assert from 'node:assert/strict';
import http from 'node:http';
import os from 'node:os';
import { after, test } from 'node:test';
import { client, data } from '../support/clients.js';
import { signV1 } from '../support/raw-request.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const servers: TestServer[] = [];
after(async () => { for (const s of servers) await s.close(); });

async function serverWithUpload(flags: Parameters<typeof startTestServer>[0] = {}): Promise<{ s: TestServer; id: number }> {
  const s = await startTestServer({ ...flags, flags: { engine: 'off', ...flags.flags } });
  servers.push(s);
  const call = client('openapi-v3', s);
  const id = Number((await call('CreateRobotTask', { TaskName: 'links', DialogId: 1000000075003, Caller: '057156860008', NumberStatusIdent: false, RetryType: 0 })).body.Data);
  assert.equal((await call('UploadRobotTaskCalledFile', { Id: id, CalledNumber: '13800138000' })).body.Code, 'OK');
  return { s, id };
}

/** QueryRobotTaskDetail signed by hand and sent with the Host given (fetch will not forge one). */
function detailWithHost(s: TestServer, id: number, host: string): Promise<Array<{ ossFilePath: string }>> {
  const signed = signV1({ Action: 'QueryRobotTaskDetail', Id: String(id) }, { accessKeyId: s.accessKeyId, secret: s.accessKeySecret });
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port: s.port, path: `/?${signed.query}`, headers: { host } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => { text += d; }).on('end', () => {
        const body = JSON.parse(text) as { Code: string; Data: string };
        if (body.Code !== 'OK') return reject(new Error(text));
        resolve((JSON.parse(body.Data) as { called: Array<{ ossFilePath: string }> }).called);
      });
    }).on('error', reject);
  });
}

test('called-file links name the server itself, whatever Host the request carried', async () => {
  const { s, id } = await serverWithUpload();
  for (const host of ['evil.example', `attacker.example:${s.port}`]) {
    const [file] = await detailWithHost(s, id, host);
    assert.match(file!.ossFilePath, new RegExp(`^http://127\\.0\\.0\\.1:${s.port}/files/[0-9a-f-]{36}--robotCallApi\\.xlsx$`), host);
    assert.equal((await fetch(file!.ossFilePath)).status, 200);
  }
});

test('--public-url sets the links; a wildcard bind uses the host name and says --public-url sets it', async () => {
  const pub = await serverWithUpload({ flags: { publicUrl: 'https://robotcall.example/voice/' } });
  const [file] = await detailWithHost(pub.s, pub.id, 'evil.example');
  assert.match(file!.ossFilePath, /^https:\/\/robotcall\.example\/voice\/files\/[0-9a-f-]{36}--robotCallApi\.xlsx$/);

  const wild = await serverWithUpload({ flags: { host: '0.0.0.0' } });
  const [wildFile] = await detailWithHost(wild.s, wild.id, 'evil.example');
  assert.equal(new URL(wildFile!.ossFilePath).host, `${os.hostname()}:${wild.s.port}`);
  assert.ok(wild.s.server.notices.some((n) => n.includes(`http://${os.hostname()}:${wild.s.port}`) && n.includes('--public-url')), wild.s.server.notices.join('\n'));
  const list = data<Array<{ id: number }>>(await client('pop-get', wild.s)('QueryRobotTaskList'));
  assert.equal(list[0]!.id, wild.id);
});
