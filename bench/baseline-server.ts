// The baseline: bare node:http answering every request with fixed bytes (the same body and content
// type robotcall sends for the benchmarked call). Run as its own process, like the server under test.
import http from 'node:http';

const body = Buffer.from(process.env.BASELINE_BODY ?? '{}');
const type = process.env.BASELINE_TYPE ?? 'application/json;charset=utf-8';
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': type, 'content-length': body.length });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`baseline ready on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
