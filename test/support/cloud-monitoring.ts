import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Google Cloud Monitoring's Prometheus-compatible API
 * (https://monitoring.googleapis.com/v1/projects/P/location/global/prometheus)
 * in front of a real Prometheus, and for Google's Security Token Service, which
 * workload identity federation calls to swap the runner's OIDC token for an
 * access token. Queries need the issued token and the right project, and
 * answer as Google does when they lack either.
 */
export interface CloudMonitoringStandIn {
  /** Where the STS endpoint is, for an external_account credentials file. */
  tokenUrl: string;
  /** The Prometheus API base of `project`, as the provider derives it from google-project. */
  prometheusUrl(project: string): string;
  /** Every token exchange, as the form it was posted. */
  exchanges: URLSearchParams[];
  /** The Authorization header of every query. */
  authorizations: string[];
  /** The next queries answer this status (503: unavailable) before forwarding again. */
  failNext(count: number, status: number): void;
  close(): Promise<void>;
}

export const ISSUED_TOKEN = 'ya29.monitoring-read-token';

export async function startCloudMonitoringStandIn(prometheusUrl: string, project: string): Promise<CloudMonitoringStandIn> {
  const upstream = new URL(prometheusUrl);
  const exchanges: URLSearchParams[] = [];
  const authorizations: string[] = [];
  let failures: { count: number; status: number } = { count: 0, status: 503 };
  const prefix = `/v1/projects/${project}/location/global/prometheus`;
  const googleError = (response: import('node:http').ServerResponse, code: number, status: string, message: string) =>
    response.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code, status, message } }));

  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    if (path === '/sts/token') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        exchanges.push(new URLSearchParams(body));
        response.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            access_token: ISSUED_TOKEN,
            issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
            token_type: 'Bearer',
            expires_in: 3600,
          }),
        );
      });
      return;
    }
    authorizations.push(request.headers.authorization ?? '');
    if (request.headers.authorization !== `Bearer ${ISSUED_TOKEN}`) {
      return googleError(response, 401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.');
    }
    if (!path.startsWith(`${prefix}/`)) {
      return googleError(
        response,
        403,
        'PERMISSION_DENIED',
        'Permission monitoring.timeSeries.list denied (or the resource may not exist).',
      );
    }
    if (failures.count > 0) {
      failures.count--;
      return googleError(response, failures.status, 'UNAVAILABLE', 'The service is currently unavailable.');
    }
    const forward = httpRequest(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: path.slice(prefix.length),
        headers: { ...request.headers, host: upstream.host },
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    forward.on('error', () => response.destroy());
    request.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    tokenUrl: `${base}/sts/token`,
    prometheusUrl: (of) => `${base}/v1/projects/${of}/location/global/prometheus`,
    exchanges,
    authorizations,
    failNext: (count, status) => (failures = { count, status }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
