import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, adminEndpointOf, loadConfig } from './config.js';

const URL_ENV = { ROBOTCALL_URL: 'http://10.0.0.5:8080/', ROBOTCALL_ADMIN_TOKEN: 'from-env' };

test('--url wins, with --admin-token, else ROBOTCALL_ADMIN_TOKEN; a trailing slash is dropped', () => {
  assert.deepEqual(adminEndpointOf(URL_ENV, { url: 'https://rc.example/base/', adminToken: 'flag' }), { url: 'https://rc.example/base', token: 'flag' });
  assert.deepEqual(adminEndpointOf(URL_ENV, { url: 'http://127.0.0.1:9000' }), { url: 'http://127.0.0.1:9000', token: 'from-env' });
  assert.deepEqual(adminEndpointOf({}, { url: 'http://127.0.0.1:9000' }), { url: 'http://127.0.0.1:9000', token: null });
});

test('a store flag beats ROBOTCALL_URL; ROBOTCALL_URL beats the store variables; nothing set names no server', () => {
  assert.equal(adminEndpointOf(URL_ENV, { dataDir: './data' }), null);
  assert.equal(adminEndpointOf(URL_ENV, { databaseUrl: 'postgres://x@h/db' }), null);
  assert.deepEqual(adminEndpointOf({ ...URL_ENV, DATABASE_URL: 'postgres://x@h/db' }, {}), { url: 'http://10.0.0.5:8080', token: 'from-env' });
  assert.equal(adminEndpointOf({ ROBOTCALL_URL: '' }, {}), null);
  assert.equal(adminEndpointOf({}, {}), null);
});

test('a server and a store named together, a bad URL or a bad token are refused, naming the flag and variable', () => {
  assert.throws(() => adminEndpointOf({}, { url: 'http://h:1', dataDir: 'd' }), new ConfigError('--url names a server and --data-dir a store: give one of them'));
  assert.throws(() => adminEndpointOf({}, { url: 'http://h:1', databaseUrl: 'postgres://h/d' }), /--url names a server and --database-url a store/);
  for (const url of ['ftp://h', 'http://h:1/?q=1', 'localhost:8080', `http://h/${'a'.repeat(2_000)}`]) {
    assert.throws(() => adminEndpointOf({}, { url }), /invalid url \(--url \/ ROBOTCALL_URL\): must be/, url);
  }
  for (const token of ['two\nlines', 'ключ', 'x'.repeat(4_097)]) {
    assert.throws(() => adminEndpointOf({}, { url: 'http://h:1', adminToken: token }), /invalid admin token \(--admin-token \/ ROBOTCALL_ADMIN_TOKEN\)/);
  }
});

test('the heap growing percent is 50 unless set, 0 to 1,000, by flag or ROBOTCALL_HEAP_GROWING_PERCENT', () => {
  assert.equal(loadConfig({}).heapGrowingPercent, 50);
  assert.equal(loadConfig({ ROBOTCALL_HEAP_GROWING_PERCENT: '0' }).heapGrowingPercent, 0);
  assert.equal(loadConfig({ ROBOTCALL_HEAP_GROWING_PERCENT: '0' }, { heapGrowingPercent: '200' }).heapGrowingPercent, 200);
  assert.throws(() => loadConfig({ ROBOTCALL_HEAP_GROWING_PERCENT: '1001' }),
    /invalid heap growing percent \(--heap-growing-percent \/ ROBOTCALL_HEAP_GROWING_PERCENT\): must be an integer from 0 to 1000/);
  assert.throws(() => loadConfig({}, { heapGrowingPercent: '-1' }), /heap-growing-percent/);
});
