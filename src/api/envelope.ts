// Renders results and errors as Alibaba's wire envelopes, JSON or XML (docs/api/README.md §3, docs/decisions.md D1/D3).
import { randomFillSync } from 'node:crypto';
import { XMLBuilder } from 'fast-xml-parser';
import type { ApiError } from './errors.js';
import type { ResponseFormat } from './authenticate.js';

export const JSON_TYPE = 'application/json;charset=utf-8';
// The exact string openapi clients look for before parsing an XML error (docs/api/clients.md §4 c8).
export const XML_TYPE = 'text/xml;charset=utf-8';

export interface Rendered {
  status: number;
  contentType: string;
  body: string;
  /** x-acs-request-id on every envelope, as Alibaba's gateway sends it (docs/api/README.md §3.1); x-acs-retry-after on throttling. */
  headers: Record<string, string>;
}

/**
 * A string field whose JSON encoding is known already: a cached value is escaped once, not per
 * request (escaping a task's Data cost 3.4 µs of each QueryRobotTaskDetail, cold caches).
 */
export interface JsonText {
  text: string;
  json: string;
}

export const jsonText = (text: string): JsonText => ({ text, json: JSON.stringify(text) });

/** Ordered response fields after RequestId/Code/Message; values are strings (Data is JSON text). */
export type ResultFields = Record<string, string | JsonText>;

// RequestIds are random UUID v4s in upper case, as Alibaba's are: hex from a pool of random bytes
// refilled 256 ids at a time. 40 ns each in a tight loop, against 260 for randomUUID().toUpperCase()
// and 90 for the counter with a random prefix this replaced (which made ids predictable).
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));
const pool = Buffer.alloc(16 * 256);
let poolAt = pool.length;

export function newRequestId(): string {
  if (poolAt === pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const b = pool;
  const i = poolAt;
  poolAt += 16;
  return `${HEX[b[i]!]}${HEX[b[i + 1]!]}${HEX[b[i + 2]!]}${HEX[b[i + 3]!]}-${HEX[b[i + 4]!]}${HEX[b[i + 5]!]}`
    + `-${HEX[(b[i + 6]! & 0x0f) | 0x40]}${HEX[b[i + 7]!]}-${HEX[(b[i + 8]! & 0x3f) | 0x80]}${HEX[b[i + 9]!]}`
    + `-${HEX[b[i + 10]!]}${HEX[b[i + 11]!]}${HEX[b[i + 12]!]}${HEX[b[i + 13]!]}${HEX[b[i + 14]!]}${HEX[b[i + 15]!]}`;
}

const xml = new XMLBuilder({ processEntities: true, suppressEmptyNode: false });
const XML_DECL = "<?xml version='1.0' encoding='UTF-8'?>";

export function renderResult(action: string, format: ResponseFormat, requestId: string, fields: ResultFields): Rendered {
  if (format === 'JSON') {
    // Field names are this code's own constants and request ids are hex and dashes: nothing to escape.
    let body = `{"RequestId":"${requestId}","Code":"OK","Message":"OK"`;
    for (const name in fields) {
      const v = fields[name]!;
      body += `,"${name}":${typeof v === 'string' ? JSON.stringify(v) : v.json}`;
    }
    return { status: 200, contentType: JSON_TYPE, body: `${body}}`, headers: { 'x-acs-request-id': requestId } };
  }
  const plain: Record<string, string> = { RequestId: requestId, Code: 'OK', Message: 'OK' };
  for (const name in fields) {
    const v = fields[name]!;
    plain[name] = xmlSafe(typeof v === 'string' ? v : v.text);
  }
  return { status: 200, contentType: XML_TYPE, body: XML_DECL + xml.build({ [`${action}Response`]: plain }), headers: { 'x-acs-request-id': requestId } };
}

export function renderError(err: ApiError, format: ResponseFormat, requestId: string, hostId: string): Rendered {
  const body: Record<string, string> = err.spec.family === 'gateway'
    ? {
      RequestId: requestId, HostId: hostId, Code: err.code, Message: err.message,
      Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(err.code)}&product=Dyvmsapi&requestId=${requestId}`,
    }
    : { RequestId: requestId, Code: err.code, Message: err.message };
  const headers = { ...err.headers, 'x-acs-request-id': requestId };
  return format === 'JSON'
    ? { status: err.status, contentType: JSON_TYPE, body: JSON.stringify(body), headers }
    : { status: err.status, contentType: XML_TYPE, body: XML_DECL + xml.build({ Error: mapValues(body, xmlSafe) }), headers };
}

// Everything but XML 1.0's Char production (#x9 #xA #xD #x20-#xD7FF #xE000-#xFFFD #x10000-#x10FFFF),
// lone surrogates included: one such character and no parser accepts the document.
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const NOT_XML_CHARS = new RegExp(NOT_XML_CHAR.source, 'gu');

/**
 * Writes a character XML cannot carry as the text `\uXXXX`. Inside Data, which is JSON text, the
 * character can only sit in a string literal, where that is the same JSON.
 */
export function xmlSafe(text: string): string {
  if (!NOT_XML_CHAR.test(text)) return text;
  return text.replace(NOT_XML_CHARS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function mapValues(record: Record<string, string>, fn: (v: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in record) out[k] = fn(record[k]!);
  return out;
}
