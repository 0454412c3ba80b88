// A trivial HTTP server for the load benchmark, in a process of its own so
// that the load tools and the bench's own bookkeeping do not share its event
// loop: every request gets `200 ok` (2 bytes) on a keep-alive connection.
//
//   node bench/verify/server.mjs      prints `listening PORT`, runs until killed
import { createServer } from 'node:http';

const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' });
  res.end('ok');
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
