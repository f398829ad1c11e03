// A real vp-relay process (@vp-contact/test-kit's startRelay) on a loopback port with a temporary
// SQLite file, and what the widget and a counsellor do with it, for the pull tests. Needs the relay
// built (npm run build -w @vp-contact/relay; npm test builds everything first).
import { join } from 'node:path';
import { hashToken, makeToken } from '@vp-contact/protocol';
import { freePort, startRelay as startRelayProcess, writeRelayConfig } from '@vp-contact/test-kit';

const ORIGIN = 'http://localhost:8080';

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

/** `publicKeys`: armored keys or file paths; `cards`: card file paths, both relative to `dir`. */
export async function startRelay(dir: string, publicKeys: string[], mailbox = 'voorbeeld', options: { cards?: string[] } = {}): Promise<TestRelay> {
  const port = await freePort();
  const token = makeToken();
  const config = writeRelayConfig(join(dir, 'relay.json'), {
    port,
    database: `sqlite:${join(dir, 'relay.db')}`,
    // The tests post many requests from one address within a minute.
    postsPerMinute: 10_000,
    mailbox,
    publicKeys,
    ...(options.cards ? { cards: options.cards } : {}),
    allowedOrigins: [ORIGIN],
    counsellorTokenHashes: [await hashToken(token)],
  });
  const url = `http://127.0.0.1:${port}`;
  // The same start as the demo's: it waits until the relay answers, or says why it stopped.
  const running = await startRelayProcess({ configFile: config, url });
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
      await running.stop();
    },
  };
}
