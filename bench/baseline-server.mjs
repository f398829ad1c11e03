// The baseline for the relay's throughput: a bare Hono handler on @hono/node-server that only
// reads the body and answers 202. The relay's figure is reported as a ratio to this one, measured
// in the same run, because these machines are noisy.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.post('*', async (c) => {
  await c.req.text();
  return c.json({ id: 'baseline', receivedAt: new Date().toISOString() }, 202);
});
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.argv[2] ?? 0) }, (info) => {
  process.stdout.write(`${JSON.stringify({ port: info.port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
