import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const HTTP_BACKEND = '/usr/lib/git-core/git-http-backend';

export interface GitHttpRequest {
  method: string;
  url: string;
  /** Whether the request carried the right token. */
  authorized: boolean;
  /** Every header as received, names and values alternating (Node's rawHeaders), to search for leaked secrets. */
  rawHeaders: string[];
}

export interface GitHttpServer {
  /** Base URL; a repository ROOT/x.git is at `${url}/x.git`. */
  url: string;
  requests: GitHttpRequest[];
  close(): Promise<void>;
}

/**
 * git's own smart-HTTP server (git-http-backend as a CGI) for the bare
 * repositories under `root`, behind a token check like a hosting service's:
 * Basic auth whose password is the token (any user name, as GitHub's
 * x-access-token), or `Bearer`/`token` with the token. Everything else,
 * fetches included, gets 401.
 */
export async function startGitHttpServer(opts: { root: string; token: string }): Promise<GitHttpServer> {
  const requests: GitHttpRequest[] = [];
  const server = createServer((request, response) => {
    const authorized = hasToken(request.headers.authorization, opts.token);
    requests.push({ method: request.method ?? '', url: request.url ?? '', authorized, rawHeaders: [...request.rawHeaders] });
    if (!authorized) {
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"', 'Content-Type': 'text/plain' });
      response.end('Authentication required\n');
      return;
    }
    serveWithBackend(opts.root, request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function hasToken(header: string | undefined, token: string): boolean {
  const [scheme = '', credentials = ''] = (header ?? '').trim().split(/\s+/, 2);
  switch (scheme.toLowerCase()) {
    case 'basic': {
      const decoded = Buffer.from(credentials, 'base64').toString('utf8');
      return decoded.includes(':') && decoded.slice(decoded.indexOf(':') + 1) === token;
    }
    case 'bearer':
    case 'token':
      return credentials === token;
    default:
      return false;
  }
}

/** Runs one request through git-http-backend, per RFC 3875 (CGI/1.1). */
function serveWithBackend(root: string, request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://git');
  const pick = (name: string, variable: string) => (request.headers[name] ? { [variable]: String(request.headers[name]) } : {});
  const config: [string, string][] = [
    ['http.receivepack', 'true'],
    // What GitHub allows too: partial clones and fetching a commit by its SHA.
    ['uploadpack.allowFilter', 'true'],
    ['uploadpack.allowReachableSHA1InWant', 'true'],
  ];
  const backend = spawn(HTTP_BACKEND, [], {
    env: {
      PATH: process.env.PATH,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      GIT_CONFIG_COUNT: String(config.length),
      ...Object.fromEntries(
        config.flatMap(([key, value], i) => [
          [`GIT_CONFIG_KEY_${i}`, key],
          [`GIT_CONFIG_VALUE_${i}`, value],
        ]),
      ),
      GATEWAY_INTERFACE: 'CGI/1.1',
      SERVER_PROTOCOL: `HTTP/${request.httpVersion}`,
      REQUEST_METHOD: request.method ?? 'GET',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      REMOTE_ADDR: request.socket.remoteAddress ?? '127.0.0.1',
      REMOTE_USER: 'git',
      ...pick('content-type', 'CONTENT_TYPE'),
      // Absent for a chunked upload: the backend then reads its stdin to the end.
      ...pick('content-length', 'CONTENT_LENGTH'),
      ...pick('content-encoding', 'HTTP_CONTENT_ENCODING'),
      ...pick('git-protocol', 'GIT_PROTOCOL'),
      ...pick('accept', 'HTTP_ACCEPT'),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  request.pipe(backend.stdin);
  backend.stdin.on('error', () => undefined);
  let stderr = '';
  backend.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  backend.on('error', (error) => fail(response, `${HTTP_BACKEND}: ${error.message}`));

  // The CGI answer is headers, a blank line, then the body, which is streamed.
  let head = Buffer.alloc(0);
  const onHead = (chunk: Buffer) => {
    head = Buffer.concat([head, chunk]);
    const end = blankLine(head);
    if (!end) return;
    backend.stdout.off('data', onHead);
    let status = 200;
    const headers: Record<string, string> = {};
    for (const line of head.subarray(0, end.at).toString('latin1').split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
      else headers[name] = value;
    }
    response.writeHead(status, headers);
    response.write(head.subarray(end.at + end.length));
    backend.stdout.pipe(response);
  };
  backend.stdout.on('data', onHead);
  backend.on('close', (code) => {
    if (!response.headersSent) fail(response, `git-http-backend exited ${code} without an answer: ${stderr.trim()}`);
  });
}

function blankLine(buffer: Buffer): { at: number; length: number } | undefined {
  const crlf = buffer.indexOf('\r\n\r\n');
  const lf = buffer.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { at: crlf, length: 4 };
  return lf >= 0 ? { at: lf, length: 2 } : undefined;
}

function fail(response: ServerResponse, message: string): void {
  if (response.headersSent) {
    response.destroy(new Error(message));
    return;
  }
  response.writeHead(500, { 'Content-Type': 'text/plain' });
  response.end(`${message}\n`);
}
