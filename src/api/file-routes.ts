// GET /files/<fileName>.xlsx: a called batch as a spreadsheet, generated on demand and streamed
// (DECISIONS D5). Names are unguessable (uuid v4), as Alibaba's OSS paths are, so no signature.
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/store.js';

export function registerFileRoutes(app: FastifyInstance, store: Store): void {
  app.get<{ Params: { name: string } }>('/files/:name', async (request, reply) => {
    const match = /^(.+--robotCallApi)\.xlsx$/.exec(request.params.name);
    const batch = match ? await store.findCalledBatch(match[1]!) : null;
    if (!batch) return reply.code(404).type('application/json').send({ Code: 'FileNotFound', Message: 'No such called file.' });
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${match![1]}.xlsx"`,
    });
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: false, useSharedStrings: false });
    const sheet = workbook.addWorksheet('called');
    sheet.addRow(['number', ...batch.ttsHead]).commit();
    const defaults = batch.ttsParams.all ?? [];
    // Every cell is a string, so numbers keep leading zeros and stay text cells.
    for (const number of batch.numbers) sheet.addRow([number, ...batch.ttsHead.map((_, i) => (batch.ttsParams[number] ?? defaults)[i] ?? '')]).commit();
    sheet.commit();
    await workbook.commit();
  });
}
