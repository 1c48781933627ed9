// RTP packets (RFC 3550 §5.1) and telephone-events (RFC 4733 §2.3): what robotcall sends (one 20 ms
// G.711 frame per packet) and reads (the callee's audio, and the keys they press).

export interface RtpPacket {
  payloadType: number;
  marker: boolean;
  sequence: number;
  timestamp: number;
  ssrc: number;
  payload: Buffer;
}

export function writeRtp(p: RtpPacket): Buffer {
  const out = Buffer.allocUnsafe(12 + p.payload.length);
  out[0] = 0x80; // version 2, no padding, no extension, no CSRC
  out[1] = (p.marker ? 0x80 : 0) | (p.payloadType & 0x7f);
  out.writeUInt16BE(p.sequence & 0xffff, 2);
  out.writeUInt32BE(p.timestamp >>> 0, 4);
  out.writeUInt32BE(p.ssrc >>> 0, 8);
  p.payload.copy(out, 12);
  return out;
}

/** Null for what is not an RTP version 2 packet with a whole header (RTCP on this port included). */
export function readRtp(data: Buffer): RtpPacket | null {
  if (data.length < 12 || data[0]! >> 6 !== 2) return null;
  const payloadType = data[1]! & 0x7f;
  if (payloadType >= 72 && payloadType <= 76) return null; // RTCP (RFC 5761 §4)
  const csrcs = data[0]! & 0x0f;
  let start = 12 + 4 * csrcs;
  if (data[0]! & 0x10) {
    if (data.length < start + 4) return null;
    start += 4 + 4 * data.readUInt16BE(start + 2);
  }
  let end = data.length;
  if (data[0]! & 0x20) end -= data[data.length - 1]!;
  if (start > end) return null;
  return {
    payloadType, marker: (data[1]! & 0x80) !== 0, sequence: data.readUInt16BE(2), timestamp: data.readUInt32BE(4),
    ssrc: data.readUInt32BE(8), payload: data.subarray(start, end),
  };
}

export interface TelephoneEvent { event: number; end: boolean; duration: number }

export function readTelephoneEvent(payload: Buffer): TelephoneEvent | null {
  if (payload.length < 4) return null;
  return { event: payload[0]!, end: (payload[1]! & 0x80) !== 0, duration: payload.readUInt16BE(2) };
}

/** RFC 4733 §3.2: events 0–9 are the digits, 10 `*`, 11 `#`, 12–15 A–D; others (tones) are not keys. */
export function eventDigit(event: number): string | null {
  if (event <= 9) return String(event);
  return event <= 15 ? '*#ABCD'[event - 10]! : null;
}
