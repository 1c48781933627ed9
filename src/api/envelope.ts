// Renders results and errors as Alibaba's wire envelopes, JSON or XML (api/README.md §3, DECISIONS D1/D3).
import { randomBytes } from 'node:crypto';
import { XMLBuilder } from 'fast-xml-parser';
import type { ApiError } from './errors.js';
import type { ResponseFormat } from './authenticate.js';

export const JSON_TYPE = 'application/json;charset=utf-8';
// The exact string openapi clients look for before parsing an XML error (api/CLIENTS.md §4 c8).
export const XML_TYPE = 'text/xml;charset=utf-8';

export interface Rendered {
  status: number;
  contentType: string;
  body: string;
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

// RequestIds are shaped like Alibaba's (an upper-case UUID v4) and unique: a random per-process
// prefix and a counter. randomUUID() per request cost 2.2 µs against 0.6 (cold-cache measurement).
const seed = randomBytes(10).toString('hex').toUpperCase();
const idPrefix = `${seed.slice(0, 8)}-${seed.slice(8, 12)}-4${seed.slice(12, 15)}-${'89AB'[parseInt(seed[15]!, 16) & 3]}${seed.slice(16, 19)}-`;
let idCounter = 0;

export const newRequestId = () => idPrefix + (idCounter++).toString(16).toUpperCase().padStart(12, '0');

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
    return { status: 200, contentType: JSON_TYPE, body: `${body}}`, headers: {} };
  }
  const plain: Record<string, string> = { RequestId: requestId, Code: 'OK', Message: 'OK' };
  for (const name in fields) {
    const v = fields[name]!;
    plain[name] = xmlSafe(typeof v === 'string' ? v : v.text);
  }
  return { status: 200, contentType: XML_TYPE, body: XML_DECL + xml.build({ [`${action}Response`]: plain }), headers: {} };
}

export function renderError(err: ApiError, format: ResponseFormat, requestId: string, hostId: string): Rendered {
  const body: Record<string, string> = err.spec.family === 'gateway'
    ? {
      RequestId: requestId, HostId: hostId, Code: err.code, Message: err.message,
      Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(err.code)}&product=Dyvmsapi&requestId=${requestId}`,
    }
    : { RequestId: requestId, Code: err.code, Message: err.message };
  return format === 'JSON'
    ? { status: err.status, contentType: JSON_TYPE, body: JSON.stringify(body), headers: err.headers }
    : { status: err.status, contentType: XML_TYPE, body: XML_DECL + xml.build({ Error: mapValues(body, xmlSafe) }), headers: err.headers };
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
