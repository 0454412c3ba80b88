import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { rawLoadClient } from '../../../src/verify/load-client.js';
import { readUrl } from '../../../src/verify/urls.js';

/** Answers by path in every way a body can end: a length, chunks, the connection's end, or no body at all. */
let server: Server;
let base: string;
const seen: { method?: string; authorization?: string }[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ method: req.method, authorization: req.headers.authorization });
    switch (req.url) {
      case '/length':
        res.writeHead(200, { 'content-length': '5' });
        return res.end('hello');
      case '/chunked':
        res.writeHead(201);
        res.write('a'.repeat(3000));
        setImmediate(() => {
          res.write('b'.repeat(17));
          res.end();
        });
        return;
      case '/close':
        res.writeHead(503, { connection: 'close', 'content-length': '4' });
        return res.end('down');
      case '/empty':
        res.writeHead(204);
        return res.end();
      default:
        res.writeHead(404, { 'content-length': '0' });
        return res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const client = (path: string, method = 'GET', url = `${base}${path}`) => rawLoadClient(readUrl(url, '', 'load-url'), method, 2000);

describe('rawLoadClient', () => {
  it('reads answers to their end, whatever says where it is, over one kept-alive connection', async () => {
    for (const [path, status] of [
      ['/length', 200],
      ['/chunked', 201],
      ['/empty', 204],
      ['/missing', 404],
    ] as const) {
      const load = client(path);
      let connections = 0;
      server.once('connection', () => connections++);
      for (let i = 0; i < 5; i++) expect(await load.send()).toEqual({ status });
      expect(connections).toBe(1);
      load.close();
    }
  });

  it('opens a new connection after the server closes one', async () => {
    const load = client('/close');
    for (let i = 0; i < 3; i++) expect(await load.send()).toEqual({ status: 503 });
    load.close();
  });

  it('sends the method and the credentials written in the URL', async () => {
    seen.length = 0;
    const load = client('', 'HEAD', `${base.replace('://', '://ci:pw@')}/length`);
    expect(await load.send()).toEqual({ status: 200 });
    load.close();
    expect(seen).toEqual([{ method: 'HEAD', authorization: `Basic ${Buffer.from('ci:pw').toString('base64')}` }]);
  });

  it('says when no connection can be made, and when no answer comes in time', async () => {
    const refused = createTcpServer();
    await new Promise<void>((resolve) => refused.listen(0, '127.0.0.1', resolve));
    const port = (refused.address() as AddressInfo).port;
    await new Promise<void>((resolve) => refused.close(() => resolve()));
    const down = client('', 'GET', `http://127.0.0.1:${port}/`);
    expect(await down.send()).toEqual({ error: `ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${port}`, connection: true });
    down.close();

    const held: Socket[] = [];
    const silent = createTcpServer((socket) => void held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const mute = rawLoadClient(readUrl(`http://127.0.0.1:${(silent.address() as AddressInfo).port}/`, '', 'load-url'), 'GET', 200);
    expect(await mute.send()).toEqual({ error: 'no answer within 200 ms', connection: false });
    mute.close();
    held.forEach((socket) => socket.destroy());
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });
});
