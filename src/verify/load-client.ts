import * as net from 'node:net';
import * as tls from 'node:tls';
import type { LoadClient, LoadSample } from './load.js';
import { formatMs } from './thresholds.js';
import type { Target } from './urls.js';

/**
 * The load test's HTTP/1.1 client: one keep-alive connection per request in
 * flight, the request's bytes written once and sent as they are, and the
 * answer read just far enough to know its status and where its body ends
 * (Content-Length, chunked, or the connection's end). This is how load tools
 * such as wrk and autocannon reach their rates: node:http's request and
 * response objects cost several times more per request than the exchange
 * itself, and a load generator sharing the runner's cores with the rest of
 * the job has none to spare. A connection the server closes (or that fails)
 * is opened again for the next request.
 */
export function rawLoadClient(target: Target, method: string, timeoutMs: number): LoadClient {
  const url = new URL(target.url);
  const secure = url.protocol === 'https:';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(url.port || (secure ? 443 : 80));
  const request = Buffer.from(
    `${method} ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nUser-Agent: gitops-delivery verify\r\nAccept: */*\r\n` +
      `${target.authorization ? `Authorization: ${target.authorization}\r\n` : ''}\r\n`,
    'latin1',
  );
  const idle: Connection[] = [];
  const all: Connection[] = [];
  const open = () =>
    secure
      ? tls.connect({ host, port, servername: net.isIP(host) ? undefined : host, ALPNProtocols: ['http/1.1'] })
      : net.connect({ host, port });
  return {
    send() {
      let connection = idle.pop();
      if (!connection) {
        connection = new Connection(open, request, method === 'HEAD', timeoutMs, (done) => idle.push(done));
        all.push(connection);
      }
      return connection.send();
    },
    close() {
      for (const connection of all) connection.close();
      idle.length = 0;
    },
  };
}

const HEADER_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');

/** One keep-alive connection, one request at a time. */
class Connection {
  private socket?: net.Socket;
  private pending?: (sample: LoadSample) => void;
  private buffer?: Buffer;
  private closed = false;
  // Where the answer being read stands.
  private status = 0;
  private remaining = -1;
  private chunked = false;
  private untilClose = false;
  private keepAlive = true;
  private chunkState: 'size' | 'data' | 'crlf' | 'trailer' = 'size';
  private crlfLeft = 0;

  constructor(
    private readonly open: () => net.Socket,
    private readonly request: Buffer,
    private readonly head: boolean,
    private readonly timeoutMs: number,
    /** Called as soon as an answer is read, before it is handed over: the connection can take the next request. */
    private readonly free: (connection: Connection) => void,
  ) {}

  send(): Promise<LoadSample> {
    return new Promise((resolve) => {
      this.pending = resolve;
      this.status = 0;
      this.buffer = undefined;
      if (!this.socket) this.connect();
      this.socket!.write(this.request);
    });
  }

  close(): void {
    this.closed = true;
    this.socket?.destroy();
  }

  private connect(): void {
    const socket = this.open();
    this.socket = socket;
    socket.setNoDelay(true);
    socket.setTimeout(this.timeoutMs);
    socket.on('data', (chunk: Buffer) => this.read(chunk));
    socket.on('timeout', () => this.fail(socket, `no answer within ${formatMs(this.timeoutMs)}`, false));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      this.fail(socket, error.code ? `${error.code}: ${error.message}` : error.message, true),
    );
    socket.on('close', () => {
      if (this.socket === socket && this.untilClose && this.status) return this.finish(socket);
      this.fail(socket, 'the server closed the connection', true);
    });
  }

  private fail(socket: net.Socket, error: string, connection: boolean): void {
    if (this.socket !== socket) return;
    this.socket = undefined;
    socket.destroy();
    const resolve = this.pending;
    this.pending = undefined;
    if (resolve && !this.closed) {
      this.free(this);
      resolve({ error, connection });
    }
  }

  private finish(socket: net.Socket): void {
    const resolve = this.pending;
    this.pending = undefined;
    if (!this.keepAlive || this.untilClose) {
      this.socket = undefined;
      socket.destroy();
    }
    if (resolve) {
      this.free(this);
      resolve({ status: this.status });
    }
  }

  private read(chunk: Buffer): void {
    let data = this.buffer ? Buffer.concat([this.buffer, chunk]) : chunk;
    this.buffer = undefined;
    if (!this.status) {
      const end = data.indexOf(HEADER_END);
      if (end < 0) {
        this.buffer = data;
        return;
      }
      const head = data.toString('latin1', 0, end);
      this.status = Number(head.slice(9, 12));
      data = data.subarray(end + 4);
      // An interim answer (100 Continue) is followed by the real one.
      if (this.status >= 100 && this.status < 200) {
        this.status = 0;
        if (data.length) this.read(data);
        return;
      }
      const length = /\r\ncontent-length:[ \t]*(\d+)/i.exec(head);
      this.chunked = /\r\ntransfer-encoding:[^\r\n]*chunked/i.test(head);
      this.chunkState = 'size';
      this.keepAlive = !/\r\nconnection:[^\r\n]*close/i.test(head) && !head.startsWith('HTTP/1.0');
      const empty = this.head || this.status === 204 || this.status === 304;
      this.remaining = empty ? 0 : this.chunked ? -1 : length ? Number(length[1]) : -1;
      this.untilClose = !empty && !this.chunked && !length;
    }
    if (this.untilClose) return; // the body ends with the connection
    if (this.chunked) return this.readChunks(data);
    this.remaining -= data.length;
    if (this.remaining <= 0) this.finish(this.socket!);
  }

  /** Walks a chunked body: size line, data, CRLF, … then the last (empty) chunk and the trailer's blank line. */
  private readChunks(data: Buffer): void {
    let at = 0;
    for (;;) {
      switch (this.chunkState) {
        case 'data': {
          const take = Math.min(this.remaining, data.length - at);
          at += take;
          this.remaining -= take;
          if (this.remaining > 0) return;
          this.chunkState = 'crlf';
          this.crlfLeft = 2;
          break;
        }
        case 'crlf': {
          const take = Math.min(this.crlfLeft, data.length - at);
          at += take;
          this.crlfLeft -= take;
          if (this.crlfLeft > 0) return;
          this.chunkState = 'size';
          break;
        }
        case 'size':
        case 'trailer': {
          const line = data.indexOf(CRLF, at);
          if (line < 0) {
            if (at < data.length) this.buffer = data.subarray(at);
            return;
          }
          if (this.chunkState === 'trailer') {
            if (line === at) return this.finish(this.socket!);
            at = line + 2;
            break;
          }
          const size = parseInt(data.toString('latin1', at, line).split(';')[0], 16);
          at = line + 2;
          if (size > 0) {
            this.chunkState = 'data';
            this.remaining = size;
          } else this.chunkState = 'trailer';
          break;
        }
      }
    }
  }
}
