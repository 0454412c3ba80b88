// hello: answers every request with a greeting, and /healthz for the probes.
import { createServer } from 'node:http';

export function handler(request, response) {
  if (request.url === '/healthz') {
    response.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    return;
  }
  response.writeHead(200, { 'content-type': 'text/plain' }).end(`Hello from ${process.env.VERSION || 'hello'}!\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT || 8080);
  const server = createServer(handler).listen(port, () => console.log(`listening on :${port}`));
  // Kubernetes sends SIGTERM before it removes the pod: finish the requests in flight.
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}
