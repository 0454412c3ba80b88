import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface WebhookServer {
  /** Base URL, `http://127.0.0.1:PORT`; any path is accepted. */
  url: string;
  requests: WebhookRequest[];
  /** The status of each next answer in turn; 200 once the list is used up. */
  respond(...statuses: number[]): void;
  close(): Promise<void>;
}

/** A local HTTP server that records every request, as a chat service's incoming webhook would receive them. */
export async function startWebhookServer(): Promise<WebhookServer> {
  const requests: WebhookRequest[] = [];
  const statuses: number[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const status = statuses.shift() ?? 200;
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'error');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    respond: (...next) => statuses.push(...next),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
