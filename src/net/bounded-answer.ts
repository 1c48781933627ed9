// An HTTP answer robotcall asked for (a speech recognizer's, a receipt receiver's), read no further
// than a bound: a misbehaving peer cannot make the process hold an answer of any size.

/** The body as UTF-8 text, at most `maxBytes` of it; `over` when the peer sent more (the rest is not read). */
export async function readBoundedText(res: Response, maxBytes: number): Promise<{ text: string; over: boolean }> {
  const reader = res.body?.getReader();
  if (!reader) return { text: '', over: false };
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return { text: Buffer.concat(chunks).toString('utf8', 0, maxBytes), over: true };
    }
  }
  return { text: Buffer.concat(chunks).toString('utf8'), over: false };
}
