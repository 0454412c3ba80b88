// Run with `node --test`: no dependencies to install.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { test } from 'node:test';
import { handler } from './server.js';

test('greets, and answers the health check', async () => {
  const server = createServer(handler).listen(0);
  const { port } = server.address();
  try {
    assert.match(await (await fetch(`http://127.0.0.1:${port}/`)).text(), /^Hello from /);
    assert.equal(await (await fetch(`http://127.0.0.1:${port}/healthz`)).text(), 'ok\n');
  } finally {
    server.close();
  }
});
