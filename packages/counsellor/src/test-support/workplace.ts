// The workplace's tests: a settings file for a counsellor with a key, a register folder and the
// test relay's mailbox, and requests to the app the way the page makes them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { PASSPHRASE, type KeyPair } from '@vp-contact/test-kit';
import { writeSecret } from './fixtures.js';

export const PORT = 47_123;
export { PASSPHRASE };

export interface MailboxFixture {
  employer: string;
  relay: string;
  mailbox: string;
  token: string;
  responseHours?: number;
}

/** Writes key, token files and workplace.json into `dir`; returns the settings file. */
export function writeWorkplaceSettings(
  dir: string,
  key: KeyPair,
  mailboxes: MailboxFixture[],
  extra: Record<string, unknown> = {},
): string {
  writeSecret(join(dir, 'private.asc'), key.privateKey);
  const list = mailboxes.map((m, i) => {
    writeSecret(join(dir, `token-${i}`), `${m.token}\n`);
    return {
      employer: m.employer,
      relay: m.relay,
      mailbox: m.mailbox,
      tokenFile: `token-${i}`,
      ...(m.responseHours ? { responseHours: m.responseHours } : {}),
    };
  });
  const file = join(dir, 'workplace.json');
  writeFileSync(file, JSON.stringify({ key: 'private.asc', register: 'register', mailboxes: list, ...extra }, null, 2));
  return file;
}

/** A browser of the app: it has used the link and carries the cookie, Host and Origin as the page does. */
export class AppClient {
  cookie = '';
  constructor(
    readonly app: Hono,
    readonly port = PORT,
  ) {}

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async open(path: string): Promise<Response> {
    const response = await this.app.request(path, { headers: { host: `127.0.0.1:${this.port}` } });
    const set = response.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
    return response;
  }

  request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return Promise.resolve(
      this.app.request(path, {
        method,
        headers: {
          host: `127.0.0.1:${this.port}`,
          cookie: this.cookie,
          ...(method === 'GET' ? {} : { origin: this.origin }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
  }

  async json<T = Record<string, unknown>>(method: string, path: string, body?: unknown, expected = 200): Promise<T> {
    const response = await this.request(method, path, body);
    const text = await response.text();
    if (response.status !== expected) throw new Error(`${method} ${path}: expected ${expected}, got ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  }
}
