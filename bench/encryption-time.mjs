// Encryption time in Chromium: from pressing send to the POST leaving the browser, with the
// standalone widget as an intranet loads it. Each run is a fresh page load, as an employee sends
// once per visit: the crypto chunk has loaded while they filled in the form (it starts once the page
// is idle), but its code runs for the first time when they press send. The widget fetches the
// mailbox descriptor, checks the key against the pinned fingerprint, verifies the mailbox card,
// encrypts to the card's subkeys, and posts.
// Measured in the page: performance.now() just before the click, and the Resource Timing startTime
// of the POST (when fetch() started it), on the same clock.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import * as openpgp from 'openpgp';
import { signMailboxCard } from '@vp-contact/protocol';
import { launchChromium } from '../scripts/chromium.mjs';
import { quantile, round } from './stats.mjs';

function page({ integrity, relay, mailbox, fingerprint }) {
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Intranet (bench)</title>
<script type="module" src="/vp-contact/vp-contact.js" integrity="${integrity}" crossorigin="anonymous"></script>
</head>
<body>
<vp-contact relay="${relay}" mailbox="${mailbox}" fingerprints="${fingerprint}" provider-phone="+31 20 000 0000"></vp-contact>
</body>
</html>`;
}

/** The mailbox card the provider signs for the bench mailbox of `key`, naming its encryption subkeys. */
async function cardFor(key) {
  const read = await openpgp.readPrivateKey({ armoredKey: key.privateKey });
  const privateKey = read.isDecrypted() ? read : await openpgp.decryptKey({ privateKey: read, passphrase: key.passphrase });
  const now = Date.now();
  return signMailboxCard(
    {
      version: 1,
      mailbox: key.kind,
      displayName: 'Bench',
      contact: { phone: '+31 20 000 0000' },
      responseHours: 48,
      encryptionKeys: privateKey.getSubkeys().map((subkey) => subkey.getFingerprint()),
      issuedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + 7 * 86_400_000).toISOString(),
    },
    privateKey,
  );
}

/** The intranet page, the widget's files, and a relay stand-in on one loopback origin. */
async function serve(keys, dist) {
  const integrity = (await readFile(join(dist, 'vp-contact.js.sri'), 'utf8')).trim();
  const cards = new Map();
  for (const [kind, key] of keys) cards.set(kind, await cardFor(key));
  const received = new Map();
  const server = createServer(async (request, response) => {
    const { pathname, searchParams } = new URL(request.url ?? '/', 'http://localhost');
    const send = (status, type, body) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    try {
      if (pathname === '/') {
        const key = keys.get(searchParams.get('key') ?? '');
        if (!key) return send(404, 'text/plain', 'no such key');
        const relay = `http://127.0.0.1:${server.address().port}/relay`;
        return send(200, 'text/html; charset=utf-8', page({ integrity, relay, mailbox: key.kind, fingerprint: key.fingerprint }));
      }
      if (pathname.startsWith('/vp-contact/')) {
        const file = normalize(join(dist, pathname.slice('/vp-contact/'.length)));
        if (!file.startsWith(dist) || extname(file) !== '.js') return send(404, 'text/plain', 'not found');
        return send(200, 'text/javascript; charset=utf-8', await readFile(file));
      }
      const api = /^\/relay\/v1\/mailboxes\/([\w-]+)(\/requests)?$/.exec(pathname);
      const key = api && keys.get(api[1]);
      if (!key) return send(404, 'application/json', '{"error":{"code":"unknown-mailbox","message":"No such mailbox."}}');
      if (!api[2] && request.method === 'GET') {
        return send(200, 'application/json', JSON.stringify({ id: key.kind, displayName: 'Bench', contact: { phone: '+31 20 000 0000' }, publicKeys: [key.publicKey], fingerprints: [key.fingerprint.toLowerCase()], responseHours: 48, cards: [cards.get(key.kind)] }));
      }
      if (api[2] && request.method === 'POST') {
        let body = '';
        for await (const chunk of request) body += chunk;
        if (!body.includes('BEGIN PGP MESSAGE')) return send(400, 'application/json', '{"error":{"code":"bad-envelope","message":"No ciphertext."}}');
        received.set(key.kind, (received.get(key.kind) ?? 0) + 1);
        return send(202, 'application/json', JSON.stringify({ id: `bench-${received.get(key.kind)}`, receivedAt: new Date().toISOString() }));
      }
      return send(405, 'text/plain', 'method not allowed');
    } catch (error) {
      send(500, 'text/plain', String(error));
    }
  });
  await new Promise((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
  return { url: `http://127.0.0.1:${server.address().port}`, received, close: () => new Promise((r) => server.close(r)) };
}

/** One send on a fresh page; returns milliseconds from the click to the POST's start, and the chunks loaded. */
async function oneSend(tab, url) {
  await tab.goto(url, { waitUntil: 'load' });
  await tab.waitForFunction(() => document.querySelector('vp-contact')?.shadowRoot?.querySelector('button.send'));
  // Fill in the form as the widget's tests do (the crypto chunk starts loading once the page is idle).
  await tab.evaluate(() => {
    const root = document.querySelector('vp-contact').shadowRoot;
    const phone = root.querySelector('#phone');
    phone.focus();
    phone.value = '06 12345678';
    phone.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    const message = root.querySelector('#message');
    message.value = 'Het gaat om mijn team. Ik wil graag een keer praten.';
    message.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    root.querySelector('#termsAccepted').click();
  });
  // Wait until the crypto chunk has loaded and run (importing its URL again resolves then).
  await tab.waitForFunction(() => document.querySelector('link[rel="modulepreload"][href*="vp-contact-crypto-"]'));
  await tab.evaluate(async () => {
    await import(document.querySelector('link[rel="modulepreload"][href*="vp-contact-crypto-"]').href);
    await document.querySelector('vp-contact').updateComplete;
  });
  const before = await tab.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
  await tab.evaluate(() => {
    performance.clearResourceTimings();
    window.benchClickedAt = performance.now();
    document.querySelector('vp-contact').shadowRoot.querySelector('button.send').click();
  });
  await tab.waitForFunction(() => document.querySelector('vp-contact').shadowRoot.querySelector('.sent, .failure'), { timeout: 60_000 });
  const result = await tab.evaluate(() => {
    const entries = performance.getEntriesByType('resource');
    const post = entries.find((entry) => entry.name.endsWith('/requests') && entry.initiatorType === 'fetch');
    return {
      sent: Boolean(document.querySelector('vp-contact').shadowRoot.querySelector('.sent')),
      ms: post ? post.startTime - window.benchClickedAt : NaN,
      after: entries.map((entry) => entry.name),
    };
  });
  if (!result.sent || !Number.isFinite(result.ms)) throw new Error(`The widget did not send (see ${url}).`);
  const chunks = [...before, ...result.after]
    .map((name) => new URL(name).pathname.split('/').pop())
    .filter((name) => name.startsWith('vp-contact-') && name !== 'vp-contact.js');
  return { ms: result.ms, chunks };
}

/**
 * For each key: `runs` sends with the standalone widget in `dist`; median and p95 in milliseconds,
 * and the lazy chunks a send loaded (the union over the runs).
 */
export async function measureEncryptionTime(keys, { dist, runs = 50, log = () => {} }) {
  const server = await serve(new Map(keys.map((key) => [key.kind, key])), dist);
  const browser = await launchChromium();
  const results = [];
  try {
    const tab = await browser.newPage();
    for (const key of keys) {
      const times = [];
      const chunks = new Set();
      for (let run = 0; run < runs; run += 1) {
        const one = await oneSend(tab, `${server.url}/?key=${key.kind}`);
        times.push(one.ms);
        for (const chunk of one.chunks) chunks.add(chunk);
      }
      if (server.received.get(key.kind) !== runs) throw new Error(`The relay stand-in received ${server.received.get(key.kind)} posts for ${key.kind}, not ${runs}.`);
      const result = { key: key.kind, runs, medianMs: round(quantile(times, 0.5)), p95Ms: round(quantile(times, 0.95)), minMs: round(Math.min(...times)), maxMs: round(Math.max(...times)), chunks: [...chunks].sort() };
      log(`  ${key.kind}: median ${result.medianMs} ms, p95 ${result.p95Ms} ms`);
      results.push(result);
    }
    return { browser: await browser.version(), results };
  } finally {
    await browser.close();
    await server.close();
  }
}
