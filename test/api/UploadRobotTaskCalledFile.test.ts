import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { client, data, type Caller } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

interface Detail { called: Array<{ fileName: string; ossFilePath: string }> }
interface Row { id: number; totalCount: number }

let s: TestServer;
let call: Caller;

before(async () => {
  s = await startTestServer();
  call = client('pop-post', s);
});
after(async () => { await s.close(); });

async function newTask(name = 'upload'): Promise<number> {
  return Number((await call('CreateRobotTask', {
    TaskName: name, DialogId: 1000000075003, Caller: '057156860008', NumberStatusIdent: true, RetryType: 0,
  })).body.Data);
}

async function totalCount(id: number): Promise<number> {
  const rows = data<Row[]>(await call('QueryRobotTaskList', { PageSize: 100 }));
  return rows.find((r) => r.id === id)!.totalCount;
}

async function readSheet(url: string): Promise<string[][]> {
  const res = await fetch(url);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((v) => {
      assert.equal(typeof v, 'string', 'every cell is a text cell');
      return v as string;
    }));
  });
  return rows;
}

test('numbers are de-duplicated within the task, across spellings and batches; totalCount is known at once', async () => {
  const id = await newTask();
  await call('UploadRobotTaskCalledFile', { Id: id, CalledNumber: '13800138000, 13900139000,+8613800138000' });
  assert.equal(await totalCount(id), 2);
  await call('UploadRobotTaskCalledFile', { Id: id, CalledNumber: '13900139000,0571-56860008,057156860008' });
  assert.equal(await totalCount(id), 3);
  const detail = data<Detail>(await call('QueryRobotTaskDetail', { Id: id }));
  assert.equal(detail.called.length, 2, 'one called file per upload');
});

test("each upload's .xlsx holds the batch as uploaded, with its TTS values as text cells", async () => {
  const id = await newTask('tts');
  await call('UploadRobotTaskCalledFile', {
    Id: id, CalledNumber: '13800138000,13900139000,057156860008',
    TtsParamHead: '["name","amount"]',
    TtsParam: JSON.stringify([{ number: 'all', params: ['客户', '0'] }, { number: '13900139000', params: ['王先生', 300] }]),
  });
  const [file] = data<Detail>(await call('QueryRobotTaskDetail', { Id: id })).called;
  assert.equal(file!.ossFilePath, `http://127.0.0.1:${s.port}/files/${file!.fileName}.xlsx`);
  assert.deepEqual(await readSheet(file!.ossFilePath), [
    ['number', 'name', 'amount'],
    ['13800138000', '客户', '0'],
    ['13900139000', '王先生', '300'],
    ['057156860008', '客户', '0'],
  ]);
  const missing = await fetch(`http://127.0.0.1:${s.port}/files/00000000-0000-4000-8000-000000000000--robotCallApi.xlsx`);
  assert.equal(missing.status, 404);
});

test('a refused batch stores nothing: no file, no count', async () => {
  const id = await newTask('refused');
  await call('UploadRobotTaskCalledFile', { Id: id, CalledNumber: '13800138000' });
  const r = await call('UploadRobotTaskCalledFile', { Id: id, CalledNumber: '13900139000,13800x38000' });
  assert.equal(r.body.Code, 'isv.MOBILE_NUMBER_ILLEGAL');
  assert.equal(await totalCount(id), 1);
  assert.equal(data<Detail>(await call('QueryRobotTaskDetail', { Id: id })).called.length, 1);
});

test('at most 100,000 numbers per call and 300,000 distinct numbers per task', async () => {
  const id = await newTask('limits');
  const block = (start: number, n: number) => Array.from({ length: n }, (_, i) => `13${String(start + i).padStart(9, '0')}`).join(',');
  const over = await call('UploadRobotTaskCalledFile', { Id: id, CalledNumber: block(0, 100_001) });
  assert.equal(over.body.Code, 'isv.MOBILE_COUNT_OVER_LIMIT');
  for (let b = 0; b < 3; b++) assert.equal((await call('UploadRobotTaskCalledFile', { Id: id, CalledNumber: block(b * 100_000, 100_000) })).body.Code, 'OK');
  assert.equal(await totalCount(id), 300_000);
  const dupOnly = await call('UploadRobotTaskCalledFile', { Id: id, CalledNumber: block(5, 10) });
  assert.equal(dupOnly.body.Code, 'OK', 'numbers the task already has add nothing, so they fit');
  const full = await call('UploadRobotTaskCalledFile', { Id: id, CalledNumber: block(300_000, 1) });
  assert.equal(full.body.Code, 'isv.MOBILE_COUNT_OVER_LIMIT');
  assert.equal(await totalCount(id), 300_000);
});

test('the same numbers uploaded again and again: at most 1,000,000 numbers as uploaded per task, then nothing more is stored', async () => {
  const id = await newTask('again');
  const same = Array.from({ length: 100_000 }, (_, i) => `13${String(i).padStart(9, '0')}`).join(',');
  for (let b = 0; b < 10; b++) assert.equal((await call('UploadRobotTaskCalledFile', { Id: id, CalledNumber: same })).body.Code, 'OK', `upload ${b}`);
  const over = await call('UploadRobotTaskCalledFile', { Id: id, CalledNumber: '13800138000' });
  assert.equal(over.body.Code, 'isv.MOBILE_COUNT_OVER_LIMIT');
  assert.match(String(over.body.Message), /at most 1000000 numbers as uploaded/);
  assert.equal(data<Detail>(await call('QueryRobotTaskDetail', { Id: id })).called.length, 10, 'no file for it');
  assert.equal(await totalCount(id), 100_000);
});

test('at most 1,000 uploads per task', async () => {
  const id = await newTask('uploads');
  const v1 = client('pop-get', s);
  for (let b = 0; b < 1_000; b += 20) {
    const codes = await Promise.all(Array.from({ length: 20 }, () => v1('UploadRobotTaskCalledFile', { Id: id, CalledNumber: '13800138000' })
      .then((r) => r.body.Code)));
    assert.ok(codes.every((c) => c === 'OK'), `uploads ${b}-${b + 19}: ${codes.join()}`);
  }
  const over = await call('UploadRobotTaskCalledFile', { Id: id, CalledNumber: '13800138000' });
  assert.equal(over.body.Code, 'isv.MOBILE_COUNT_OVER_LIMIT');
  assert.match(String(over.body.Message), /at most 1000 uploads/);
  assert.equal(data<Detail>(await call('QueryRobotTaskDetail', { Id: id })).called.length, 1_000);
});
