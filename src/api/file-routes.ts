// GET /files/<fileName>.xlsx: a called batch as a spreadsheet, generated on demand and streamed
// (docs/decisions.md D5). Names are unguessable (uuid v4), as Alibaba's OSS paths are, so no signature.
import type { FastifyInstance } from 'fastify';
import { writeCalledSheet } from './called-sheet.js';
import type { Store } from '../store/store.js';

// Exactly the names robotcall gives (a uuid v4 and the suffix): anything else names no file and never
// reaches the database (a NUL in a name answered 500 on PostgreSQL).
const FILE_NAME = /^([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}--robotCallApi)\.xlsx$/;

/** `sendIdleMs`: a download whose reader accepts nothing for this long is cut (connections.ts). */
export function registerFileRoutes(app: FastifyInstance, store: Store, sendIdleMs: number): void {
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
}
