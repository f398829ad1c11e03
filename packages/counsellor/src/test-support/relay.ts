// A real vp-relay process on a loopback port with a temporary SQLite file, for the pull tests.
// Needs the relay built (npm run build -w @vp-contact/relay; npm test builds everything first).
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hashToken, makeToken } from '@vp-contact/protocol';
import { PACKAGE_DIR } from './fixtures.js';
import getPort from 'get-port';

export const RELAY_BIN = resolve(PACKAGE_DIR, '../relay/bin/vp-relay.js');
export const ORIGIN = 'http://localhost:8080';

const freePort = (): Promise<number> => getPort({ host: '127.0.0.1' });

export interface TestRelay {
  url: string;
  mailbox: string;
  token: string;
  /** POSTs an envelope as the widget would; returns the relay's {id, receivedAt}. */
  submit(ciphertext: string): Promise<{ id: string; receivedAt: string }>;
  /** The ids still waiting at the relay (read with the counsellor token). */
  waiting(): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startRelay(dir: string, publicKeys: string[], mailbox = 'voorbeeld'): Promise<TestRelay> {
  const port = await freePort();
  const token = makeToken();
  const config = join(dir, 'relay.json');
  writeFileSync(
    config,
    JSON.stringify({
      listen: { host: '127.0.0.1', port },
      database: `sqlite:${join(dir, 'relay.db')}`,
      // The tests post many requests from one address within a minute.
      limits: { postsPerMinute: 10_000 },
      mailboxes: [
        {
          id: mailbox,
          displayName: 'Vertrouwenspersonen Voorbeeld',
          contact: { phone: '+31 20 000 0000', email: 'vp@voorbeeld.example' },
          publicKeys,
          allowedOrigins: [ORIGIN],
          counsellorTokenHashes: [await hashToken(token)],
          responseHours: 48,
        },
      ],
    }),
  );
  const child: ChildProcess = spawn(process.execPath, [RELAY_BIN, '--config', config], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const url = `http://127.0.0.1:${port}`;
  // Wait until it answers (bounded: 200 tries), or report why it did not start.
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`vp-relay exited (${child.exitCode}): ${stderr}`);
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (attempt >= 200) {
      child.kill('SIGKILL');
      throw new Error(`vp-relay did not become ready: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const auth = { authorization: `Bearer ${token}` };
  return {
    url,
    mailbox,
    token,
    async submit(ciphertext) {
      const response = await fetch(`${url}/v1/mailboxes/${mailbox}/requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN },
        body: JSON.stringify({ version: 1, ciphertext }),
      });
      if (response.status !== 202) throw new Error(`the relay answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as { id: string; receivedAt: string };
    },
    async waiting() {
      const ids: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 100; page++) {
        const query: string = after ? `?after=${encodeURIComponent(after)}&limit=100` : '?limit=100';
        const response = await fetch(`${url}/v1/mailboxes/${mailbox}/requests${query}`, { headers: auth });
        const body = (await response.json()) as { items: { id: string }[]; nextCursor: string | null };
        ids.push(...body.items.map((i) => i.id));
        if (!body.nextCursor || body.items.length === 0) return ids;
        after = body.nextCursor;
      }
      throw new Error('more than 100 pages waiting');
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
