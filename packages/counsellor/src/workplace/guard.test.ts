// The local server's defences, through app.request(): each refusal is a 403 and changes nothing
// (the register stays locked, no note is added, the link stays spent).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKeyPair, tempDir } from '../test-support/fixtures.js';
import { AppClient, PASSPHRASE, PORT, writeWorkplaceSettings } from '../test-support/workplace.js';
import { createWorkplace, type Workplace } from './app.js';
import { Session } from './session.js';
import { readWorkplaceSettings } from './settings.js';

const temp = tempDir('vp-workplace-guard-');
let session: Session;
let workplace: Workplace;
let browser: AppClient;
const uiDir = join(temp.dir, 'ui');

beforeAll(async () => {
  const key = await makeKeyPair();
  // A mailbox on a relay that is not running: these tests never fetch.
  const file = writeWorkplaceSettings(temp.dir, key, [{ employer: 'Voorbeeld B.V.', relay: 'http://127.0.0.1:9', mailbox: 'voorbeeld', token: 'x'.repeat(43) }]);
  mkdirSync(uiDir);
  writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>vp</title><script type="module" src="app.js"></script>');
  writeFileSync(join(uiDir, 'app.js'), 'export {};');
  writeFileSync(join(temp.dir, 'secret.txt'), 'not for the browser');
  session = new Session({ settings: await readWorkplaceSettings(file), fetchEveryMs: 0 });
  workplace = createWorkplace({ session, port: PORT, uiDir, secret: 'one-time-secret-for-the-test' });
  browser = new AppClient(workplace.app);
});

afterAll(async () => {
  await session.close();
  temp.remove();
});

async function body(response: Response): Promise<{ error: { code: string } }> {
  return (await response.json()) as { error: { code: string } };
}

describe('the one-time link', () => {
  it('is refused when wrong, and then still works once', async () => {
    const wrong = await workplace.app.request('/open/guessed', { headers: { host: `127.0.0.1:${PORT}` } });
    expect(wrong.status).toBe(403);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const first = await browser.open(workplace.openPath);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^vp_workplace=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it('is spent after its first use: a second use gets 403 and no cookie', async () => {
    const again = await workplace.app.request(workplace.openPath, { headers: { host: `127.0.0.1:${PORT}` } });
    expect(again.status).toBe(403);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(await again.text()).toMatch(/al gebruikt/);
  });
});

describe('requests the app refuses, changing nothing', () => {
  it('a wrong Host (DNS rebinding), even with the cookie', async () => {
    for (const host of ['evil.example', `evil.example:${PORT}`, '127.0.0.1:1', `192.168.1.5:${PORT}`, `[::1]:${PORT}`]) {
      const response = await browser.request('POST', '/api/unlock', { passphrase: PASSPHRASE }, { host });
      expect(response.status, host).toBe(403);
      expect((await body(response)).error.code).toBe('host-refused');
    }
    expect(session.unlocked).toBe(false);
  });

  it('no cookie, or a made-up one', async () => {
    for (const cookie of ['', 'vp_workplace=made-up']) {
      const response = await browser.request('POST', '/api/unlock', { passphrase: PASSPHRASE }, { cookie });
      expect(response.status).toBe(403);
      expect((await body(response)).error.code).toBe('no-session');
      const read = await browser.request('GET', '/api/session', undefined, { cookie });
      expect(read.status).toBe(403);
    }
    expect(session.unlocked).toBe(false);
  });

  it('another Origin, or none, on a change', async () => {
    for (const origin of ['http://evil.example', 'null', `http://localhost:${PORT}`, `https://127.0.0.1:${PORT}`, '']) {
      const headers: Record<string, string> = { origin };
      const response = await browser.request('POST', '/api/unlock', { passphrase: PASSPHRASE }, headers);
      expect(response.status, origin).toBe(403);
      expect((await body(response)).error.code).toBe('origin-refused');
    }
    expect(session.unlocked).toBe(false);
  });

  it('a CORS preflight: 403 and no Access-Control header', async () => {
    const response = await browser.request('OPTIONS', '/api/unlock', undefined, { origin: 'http://evil.example', 'access-control-request-method': 'POST' });
    expect(response.status).toBe(403);
    expect([...response.headers.keys()].filter((k) => k.startsWith('access-control'))).toEqual([]);
  });

  it('and the same request from the app itself works', async () => {
    await browser.json('POST', '/api/unlock', { passphrase: PASSPHRASE });
    expect(session.unlocked).toBe(true);
    // localhost:PORT is the app too, when the page was opened under that name.
    const viaLocalhost = await browser.request('POST', '/api/lock', {}, { host: `localhost:${PORT}`, origin: `http://localhost:${PORT}` });
    expect(viaLocalhost.status).toBe(200);
    expect(session.unlocked).toBe(false);
  });
});

describe('every answer', () => {
  it('carries the strict CSP and no framing, caching or CORS', async () => {
    for (const response of [await browser.request('GET', '/'), await browser.request('GET', '/api/session'), await browser.request('GET', '/api/session', undefined, { host: 'evil.example' })]) {
      const csp = response.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('serves the pages from the UI folder only', async () => {
    const page = await browser.request('GET', '/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect((await browser.request('GET', '/app.js')).headers.get('content-type')).toMatch(/javascript/);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const response = await browser.request('GET', path);
      expect(response.status, path).toBe(404);
    }
  });
});

it('a second app on the same register is refused with a clear message', () => {
  expect(() => new Session({ settings: session.settings, fetchEveryMs: 0 })).toThrow(/already open in this process/);
});
