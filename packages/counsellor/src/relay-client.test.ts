// The relay client against real servers on loopback that fail: nothing listening, a server that
// answers 500, one that answers with junk, one that never answers. (The happy paths and the 401
// run against the real vp-relay in pull.test.ts.)
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Inbox } from './inbox.js';
import { RelayClient } from './relay-client.js';
import { tempDir } from '@vp-contact/test-kit';
import { runCli, writeSecret } from './test-support/fixtures.js';

const servers: Server[] = [];
const temp = tempDir();
afterAll(() => temp.remove());
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((s) => {
      s.closeAllConnections();
      return new Promise((r) => s.close(r));
    }),
  );
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A loopback port with nothing listening: bound, noted, closed. */
async function closedPort(): Promise<string> {
  const url = await serve(() => {});
  const server = servers.pop()!;
  await new Promise((r) => server.close(r));
  return url;
}

const client = (relay: string, timeoutMs?: number) => new RelayClient({ relay, mailbox: 'voorbeeld', token: 'vpt_test', timeoutMs });

describe('RelayClient', () => {
  it('a relay that is not there: relay-unreachable, naming the address', async () => {
    const relay = await closedPort();
    await expect(client(relay).listRequests()).rejects.toMatchObject({
      code: 'relay-unreachable',
      message: expect.stringContaining(`${relay} (connection refused`) as unknown,
    });
  });

  it('a relay answering 500: relay-error with its message, on listing and on acknowledging', async () => {
    const seen: string[] = [];
    const relay = await serve((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization}`);
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'internal', message: 'The database is not answering.' } }));
    });
    await expect(client(relay).listRequests({ limit: 10 })).rejects.toMatchObject({
      code: 'relay-error',
      message: expect.stringContaining('500 Internal Server Error: The database is not answering.') as unknown,
    });
    await expect(client(relay).acknowledge('abc')).rejects.toMatchObject({ code: 'relay-error' });
    expect(seen).toEqual(['GET /v1/mailboxes/voorbeeld/requests?limit=10 Bearer vpt_test', 'DELETE /v1/mailboxes/voorbeeld/requests/abc Bearer vpt_test']);
  });

  it('an answer in the wrong form: relay-bad-response; an id that is no file name is refused', async () => {
    let body: unknown = { items: 'nope' };
    const relay = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    await expect(client(relay).listRequests()).rejects.toMatchObject({ code: 'relay-bad-response', message: expect.stringContaining('items') as unknown });
    body = { items: [{ id: '../x', receivedAt: '2026-11-24T10:00:00Z', ciphertext: 'x' }], nextCursor: null };
    await expect(client(relay).listRequests()).rejects.toMatchObject({ code: 'relay-bad-response' });
  });

  it('a relay that does not answer in time: relay-timeout', async () => {
    const relay = await serve(() => {
      // Never answers.
    });
    await expect(client(relay, 300).listRequests()).rejects.toMatchObject({ code: 'relay-timeout' });
  });

  it('a relay whose cursor does not move is stopped, not followed forever', async () => {
    const relay = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ items: [{ id: 'a', receivedAt: '2026-11-24T10:00:00.000Z', ciphertext: '-----BEGIN PGP MESSAGE-----\n' }], nextCursor: 'same' }));
    });
    const pages = client(relay).waitingRequests(1);
    await expect((async () => {
      for await (const _page of pages) {
        // follow
      }
    })()).rejects.toMatchObject({ code: 'relay-bad-response', message: expect.stringContaining('same page twice') as unknown });
  });
});

describe('vp-counsellor pull when the relay fails', () => {
  it('unreachable and 500: exit 1, one clear line, the inbox unchanged', async () => {
    const tokenFile = writeSecret(join(temp.dir, 'token'), 'vpt_test\n');
    const inboxDir = join(temp.dir, 'inbox');
    const args = (relay: string) => ['pull', '--relay', relay, '--mailbox', 'voorbeeld', '--token-file', tokenFile, '--inbox', inboxDir];
    const down = await runCli(args(await closedPort()));
    expect(down.code).toBe(1);
    expect(down.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^vp-counsellor pull: error: Could not reach the relay at http:\/\/127\.0\.0\.1:\d+ \(connection refused/)]);
    const failing = await serve((_req, res) => {
      res.writeHead(500);
      res.end();
    });
    const broken = await runCli(args(failing));
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^vp-counsellor pull: error: The relay failed \(500 Internal Server Error\)\. Nothing was lost/);
    const dutch = await runCli([...args(failing), '--lang', 'nl']);
    expect(dutch.stderr).toMatch(/^vp-counsellor pull: fout: De relay gaf een fout\./);
    // In Dutch too, the line keeps the address and the reason.
    const downDutch = await runCli([...args(await closedPort()), '--lang', 'nl']);
    expect(downDutch.stderr).toMatch(/^vp-counsellor pull: fout: De relay is niet bereikbaar\. .*\(Could not reach the relay at http:\/\/127\.0\.0\.1:\d+ \(connection refused/);
    expect(await (await Inbox.open(inboxDir)).entries()).toEqual([]);
  });
});
