import { test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { EMPTY_SHARED_STRINGS, EMPTY_SHARED_STRINGS_CRC } from './xlsx-parts.js';

test('the empty shared-strings entry carries its data\'s CRC-32', { skip: typeof zlib.crc32 !== 'function' && 'zlib.crc32 needs Node 20.15' }, () => {
  const nameLength = EMPTY_SHARED_STRINGS.readUInt16LE(26);
  assert.equal(zlib.crc32(EMPTY_SHARED_STRINGS.subarray(30 + nameLength)), EMPTY_SHARED_STRINGS_CRC);
  assert.equal(EMPTY_SHARED_STRINGS.readUInt32LE(18), EMPTY_SHARED_STRINGS.length - 30 - nameLength);
});
