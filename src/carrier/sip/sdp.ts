// The SDP of a call (RFC 4566, RFC 3264 offer/answer): robotcall offers G.711 (PCMU, PCMA) with RFC
// 4733 telephone-events, 20 ms packets; the answer says where the far end's RTP goes and which codec
// it picked.

import { isIP } from 'node:net';

export type Codec = 'PCMU' | 'PCMA';

export const PAYLOAD_TYPES: Record<Codec, number> = { PCMU: 0, PCMA: 8 };
/** Our dynamic payload type for telephone-events; the answer may name its own. */
export const OFFERED_EVENT_TYPE = 101;

export interface Offer { address: string; port: number; sessionId: string }

export function buildOffer(o: Offer): string {
  const ip = o.address.includes(':') ? 'IP6' : 'IP4';
  return [
    'v=0',
    `o=robotcall ${o.sessionId} ${o.sessionId} IN ${ip} ${o.address}`,
    's=robotcall',
    `c=IN ${ip} ${o.address}`,
    't=0 0',
    `m=audio ${o.port} RTP/AVP 0 8 ${OFFERED_EVENT_TYPE}`,
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:8 PCMA/8000',
    `a=rtpmap:${OFFERED_EVENT_TYPE} telephone-event/8000`,
    `a=fmtp:${OFFERED_EVENT_TYPE} 0-16`,
    'a=ptime:20',
    'a=sendrecv',
    '',
  ].join('\r\n');
}

export interface Answer {
  /** Where to send RTP. */
  address: string;
  port: number;
  codec: Codec;
  /** The telephone-event payload type the far end uses, or null if it offered none. */
  eventType: number | null;
}

export class SdpError extends Error {}

/** Reads an answer (or an early-media 183's SDP): the first audio stream, the first of our codecs it lists. */
export function parseAnswer(sdp: string): Answer {
  const lines = sdp.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  let sessionAddress: string | null = null;
  let mediaAddress: string | null = null;
  let media: { port: number; types: number[] } | null = null;
  const maps = new Map<number, string>();
  for (const line of lines) {
    if (line.startsWith('m=')) {
      if (media) break; // only the first audio stream is ours
      const m = /^m=audio (\d{1,5})(?:\/\d+)? RTP\/AVP((?: \d{1,3})+)$/.exec(line);
      if (m) media = { port: Number(m[1]), types: m[2]!.trim().split(' ').map(Number) };
    } else if (line.startsWith('c=')) {
      const c = /^c=IN IP[46] (\S+)$/.exec(line);
      if (!c) throw new SdpError(`bad connection line: ${line.slice(0, 80)}`);
      if (media) mediaAddress = c[1]!.replace(/\/\d+$/, '');
      else sessionAddress = c[1]!.replace(/\/\d+$/, '');
    } else if (line.startsWith('a=rtpmap:') && media) {
      const r = /^a=rtpmap:(\d{1,3}) ([^/\s]+)\/8000/i.exec(line);
      if (r) maps.set(Number(r[1]), r[2]!.toUpperCase());
    }
  }
  if (!media) throw new SdpError('no audio stream in the answer');
  // Port 0 rejects the stream (RFC 3264 §6); anything past 65535 is no port.
  if (media.port < 1 || media.port > 65_535) throw new SdpError(`the answer's audio port is ${media.port}: no stream to send to`);
  const address = mediaAddress ?? sessionAddress;
  if (!address) throw new SdpError('no connection address in the answer');
  if (isIP(address) === 0) throw new SdpError(`the answer's connection address is not an IP address: ${address.slice(0, 80)}`);
  // Static types 0 and 8 need no rtpmap; a dynamic one counts only with one.
  const nameOf = (pt: number) => maps.get(pt) ?? (pt === 0 ? 'PCMU' : pt === 8 ? 'PCMA' : null);
  const codecType = media.types.find((pt) => nameOf(pt) === 'PCMU' || nameOf(pt) === 'PCMA');
  if (codecType === undefined) throw new SdpError(`the answer offers none of PCMU, PCMA (payload types ${media.types.join(' ')})`);
  const eventType = media.types.find((pt) => nameOf(pt) === 'TELEPHONE-EVENT') ?? null;
  return { address, port: media.port, codec: nameOf(codecType) as Codec, eventType };
}
