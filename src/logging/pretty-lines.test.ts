import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prettyMessage } from './pretty-lines.js';

test('an access line in words, leaving out what a refused request did not tell', () => {
  assert.equal(
    prettyMessage({ msg: 'rpc', requestId: 'R1', accessKeyId: 'LTAIk', accountId: 7, action: 'StartRobotTask', code: 'OK', status: 200, ms: 1.5 }),
    'rpc StartRobotTask OK 200 1.5 ms key LTAIk account 7 request R1');
  assert.equal(prettyMessage({ msg: 'rpc', requestId: 'R2', code: 'MissingAction', status: 400, ms: 0.2 }), 'rpc - MissingAction 400 0.2 ms request R2');
});

test('an HTTP access line in words: the route, else the path, and whether it was cut', () => {
  assert.equal(prettyMessage({ msg: 'http', method: 'GET', route: '/console/api/tasks', status: 200, ms: 3.1, accountId: 7 }),
    'http GET /console/api/tasks 200 3.1 ms account 7');
  assert.equal(prettyMessage({ msg: 'http', method: 'GET', path: '/nothing\nINFO: forged', status: 404, ms: 0.4 }),
    'http GET /nothing\\nINFO: forged 404 0.4 ms');
  assert.equal(prettyMessage({ msg: 'http', method: 'GET', route: '/files/:name', status: 200, ms: 900, aborted: true }),
    'http GET /files/:name 200 900 ms aborted');
});

test('task lines say who moved the task, and a finished one its totals', () => {
  assert.equal(
    prettyMessage({ msg: 'task started', taskId: 5, from: 'INIT', to: 'READY', by: 'api', action: 'StartRobotTask', engineTime: '2026-01-02 03:04:05' }),
    'task 5 started: INIT → READY by StartRobotTask at engine time 2026-01-02 03:04:05');
  assert.equal(
    prettyMessage({
      msg: 'task finished', taskId: 5, from: 'EXCUTING', to: 'FINISH', by: 'engine', engineTime: 't',
      totalCount: 2, finishCount: 2, calls: 3, callsByCode: { 200000: 1, 200002: 2 },
    }),
    'task 5 finished: EXCUTING → FINISH by the engine at engine time t; 2 of 2 callees finished, 3 calls (200000 ×1, 200002 ×2)');
  assert.equal(prettyMessage({ msg: 'task status changed', taskId: 5, from: 'READY', to: 'DISPATCH', by: 'engine', engineTime: 't' }),
    'task 5 moved: READY → DISPATCH by the engine at engine time t');
});

test('other lines keep their message', () => {
  assert.equal(prettyMessage({ msg: 'engine pass failed', err: {} }), 'engine pass failed');
});

test('a client-sent value with a newline stays on its line', () => {
  assert.equal(
    prettyMessage({ msg: 'rpc', requestId: 'R3', accessKeyId: 'k\r\nINFO: x', action: 'A\nINFO: forged\u2028', code: 'InvalidAction.NotFound', status: 404, ms: 1 }),
    'rpc A\\nINFO: forged\\u2028 InvalidAction.NotFound 404 1 ms key k\\r\\nINFO: x request R3');
});
