// GET /files/<fileName>.xlsx: a called batch as a spreadsheet, generated on demand and streamed
// (docs/decisions.md D5). Names are unguessable (uuid v4), as Alibaba's OSS paths are, so no signature.
// GET /recordings/<task>/<call>.wav?Expires=…&Signature=…: a call's recording, by its signed link (D15).
import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { RecordingLinks } from './recording-links.js';
import { writeCalledSheet } from './called-sheet.js';
import type { Store } from '../store/store.js';

// Exactly the names robotcall gives (a uuid v4 and the suffix): anything else names no file and never
// reaches the database (a NUL in a name answered 500 on PostgreSQL).
const FILE_NAME = /^([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}--robotCallApi)\.xlsx$/;

/** `sendIdleMs`: a download whose reader accepts nothing for this long is cut (connections.ts). */
export function registerFileRoutes(app: FastifyInstance, store: Store, recordings: RecordingLinks, sendIdleMs: number): void {
  app.get<{ Params: { name: string } }>('/files/:name', async (request, reply) => {
    const match = FILE_NAME.exec(request.params.name);
    const batch = match ? await store.findCalledBatch(match[1]!) : null;
    if (!batch) return reply.code(404).type('application/json').send({ Code: 'FileNotFound', Message: 'No such called file.' });
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${match![1]}.xlsx"`,
    });
    // While rows are made, writeCalledSheet waits at most sendIdleMs for the reader; once they are
    // all out, socket inactivity cuts a reader that stopped taking the last buffered bytes.
    res.setTimeout(sendIdleMs, () => res.destroy());
    await writeCalledSheet(res, batch, sendIdleMs);
  });
  app.get<{ Params: { task: string; name: string }; Querystring: Record<string, string | undefined> }>('/recordings/:task/:name', async (request, reply) => {
    // Ids as robotcall writes them (no leading zero): one URL per recording.
    const task = /^[1-9]\d{0,14}$/.exec(request.params.task)?.[0];
    const call = /^([1-9]\d{0,14})\.wav$/.exec(request.params.name)?.[1];
    const expires = /^[1-9]\d{0,11}$/.exec(String(request.query.Expires ?? ''))?.[0];
    const signature = /^[0-9a-f]{64}$/.exec(String(request.query.Signature ?? ''))?.[0];
    const found = task && call && expires && signature ? await recordings.resolve(Number(task), Number(call), Number(expires), signature) : null;
    if (!found || !('file' in found)) {
      const why = found && 'refused' in found && found.refused === 'expired' ? 'The link has expired.' : 'No such recording, or the link is not valid.';
      return reply.code(found && 'refused' in found && found.refused === 'missing' ? 404 : 403).type('application/json').send({ Code: 'AccessDenied', Message: why });
    }
    reply.header('content-disposition', `attachment; filename="${task}-${call}.wav"`);
    return reply.type('audio/wav').send(createReadStream(found.file));
  });
  // Any other path under /recordings/ names no recording: the same JSON answer, not the API's envelope.
  app.get('/recordings/*', async (_request, reply) => reply.code(404).type('application/json').send({ Code: 'AccessDenied', Message: 'No such recording, or the link is not valid.' }));
}
