// The HTTP API through app.request(), with a real SQLite store in a temporary folder: the widget's
// calls with CORS, every kind of bad submission, the counsellor tools' calls with tokens, the
// limits, the headers on every response, and what the log holds.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptRequest, ENVELOPE_MAX_BYTES, hashToken, makeToken, readPrivateKey } from '@vp-contact/protocol';
import { createRelay as createUncheckedRelay, type RelayOptions } from './app.js';
import { resolveConfig, type ConfigInput, type RelayConfig } from './config.js';
import { memoryLog } from './log.js';
import type { RelayStore } from './store/types.js';
import { armor, makeKeys, MAILBOX, packet, PASSPHRASE, tempDir, type Keys } from '@vp-contact/test-kit';
import { badMessages, canonicalFor, ciphertextFor, notCanonicalMessages, ORIGIN, PLAINTEXT_MARKER, sqliteStore, testConfig, withCrc } from './test-support/fixtures.js';
import { dumpSqlite } from './test-support/process.js';
import { contractChecked, contractTally } from './test-support/contract.js';

// Every answer any test below gets is checked against @vp-contact/protocol/http first.
const tally = contractTally();
const createRelay = (options: RelayOptions) => contractChecked(createUncheckedRelay(options), tally);

const OTHER_ORIGIN = 'https://intranet.ander.example';
const temp = tempDir();
let keys: Keys;
let other: Keys;
let store: RelayStore;
let config: RelayConfig;
let token: string;
let otherToken: string;
let log: ReturnType<typeof memoryLog>;
let app: Hono;

/** A client at `address`, as @hono/node-server passes the socket to the app. */
const from = (address: string) => ({ incoming: { socket: { remoteAddress: address, remotePort: 40000, remoteFamily: address.includes(':') ? 'IPv6' : 'IPv4' } } });

let tokenHashes: [string, string];

/** Two mailboxes (voorbeeld for `keys`, ander for `other`), each with its own token and origin. */
async function makeConfig(overrides: Partial<ConfigInput> = {}): Promise<RelayConfig> {
  const made = await testConfig([keys], overrides);
  const second = await testConfig([other]);
  return resolveConfig(
    {
      ...made.input,
      mailboxes: [
        { ...made.input.mailboxes[0]!, counsellorTokenHashes: [tokenHashes[0]] },
        { ...second.input.mailboxes[0]!, id: 'ander', allowedOrigins: [OTHER_ORIGIN], counsellorTokenHashes: [tokenHashes[1]] },
      ],
    },
    temp.dir,
  );
}

function post(
  target: Hono,
  body: string | Uint8Array<ArrayBuffer>,
  options: { headers?: Record<string, string>; mailbox?: string; env?: object } = {},
): Promise<Response> {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  return Promise.resolve(
    target.request(
      `/v1/mailboxes/${options.mailbox ?? MAILBOX}/requests`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(bytes.byteLength), origin: ORIGIN, ...options.headers },
        body: bytes,
      },
      options.env,
    ),
  );
}

const envelope = (ciphertext: string) => JSON.stringify({ version: 1, ciphertext });

async function waiting(mailbox = MAILBOX): Promise<{ id: string; ciphertext: string }[]> {
  const page = await store.list(mailbox, { after: null, limit: 1000 });
  return page.items.map((i) => ({ id: i.id, ciphertext: i.ciphertext }));
}

async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'message']);
  return body.error;
}

const auth = (t: string) => ({ authorization: `Bearer ${t}` });

/** The CORS headers that matter for an unknown mailbox's answers: the origin, credentials, exposed headers. */
const unknownMailboxCors = (response: Response) => ({
  origin: response.headers.get('access-control-allow-origin'),
  credentials: response.headers.get('access-control-allow-credentials'),
  expose: response.headers.get('access-control-expose-headers'),
});

beforeAll(async () => {
  [keys, other] = await Promise.all([makeKeys(), makeKeys({ email: 'collega@ander.example' })]);
  store = await sqliteStore(temp.dir);
  [token, otherToken] = [makeToken(), makeToken()];
  tokenHashes = [await hashToken(token), await hashToken(otherToken)];
  config = await makeConfig({ limits: { postsPerMinute: 10_000 } });
  log = memoryLog();
  app = createRelay({ store, config, log });
});

afterAll(async () => {
  await store.close();
  temp.remove();
});

describe('the mailbox descriptor', () => {
  it('gives the widget what it needs, with CORS for the mailbox’s own origins only', async () => {
    const response = await app.request(`/v1/mailboxes/${MAILBOX}`, { headers: { origin: ORIGIN } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toContain('Origin');
    const descriptor = (await response.json()) as Record<string, unknown>;
    expect(descriptor).toEqual({
      id: MAILBOX,
      displayName: 'Vertrouwenspersonen Voorbeeld',
      contact: { phone: '+31 20 000 0000', email: 'vp@voorbeeld.example' },
      publicKeys: [expect.stringContaining('-----BEGIN PGP PUBLIC KEY BLOCK-----')],
      fingerprints: [keys.fingerprint.toUpperCase()],
      responseHours: 48,
      cards: [],
    });

    // Another mailbox's origin, and an origin nobody allowed: no CORS header, so the browser refuses.
    const foreign = await app.request(`/v1/mailboxes/${MAILBOX}`, { headers: { origin: OTHER_ORIGIN } });
    expect(foreign.status).toBe(200);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const own = await app.request('/v1/mailboxes/ander', { headers: { origin: OTHER_ORIGIN } });
    expect(own.headers.get('access-control-allow-origin')).toBe(OTHER_ORIGIN);
    const crossed = await app.request('/v1/mailboxes/ander', { headers: { origin: ORIGIN } });
    expect(crossed.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves the mailbox cards from the configuration, as they are and in their order', async () => {
    const cards = ['-----BEGIN PGP MESSAGE-----\n\nb3dl\n-----END PGP MESSAGE-----\n', '-----BEGIN PGP MESSAGE-----\n\ndHdl\n-----END PGP MESSAGE-----'];
    const withCards = createRelay({ store, config: { ...config, mailboxes: [{ ...config.mailboxes[0]!, cards }] }, log: memoryLog() });
    const response = await withCards.request(`/v1/mailboxes/${MAILBOX}`, { headers: { origin: ORIGIN } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { cards: unknown }).cards).toEqual(cards);
  });

  it('404 for an unknown mailbox, also for odd ids, readable by any page (CORS *, no credentials)', async () => {
    for (const id of ['onbekend', 'Voorbeeld', '..%2F..%2Fetc%2Fpasswd', '%E2%80%AEdlrow', '%F0%9F%98%80', 'x'.repeat(300)]) {
      for (const origin of [ORIGIN, OTHER_ORIGIN, 'null']) {
        const response = await app.request(`/v1/mailboxes/${id}`, { headers: { origin } });
        expect(response.status).toBe(404);
        expect(unknownMailboxCors(response)).toEqual({ origin: '*', credentials: null, expose: null });
        expect(await errorOf(response)).toEqual({ code: 'unknown-mailbox', message: expect.stringContaining('There is no mailbox with this id') as unknown });
      }
    }
  });

  it('an unknown mailbox says nothing more to a page than to any HTTP client: the same answer with or without an origin', async () => {
    const plain = await app.request('/v1/mailboxes/onbekend');
    const fromPage = await app.request('/v1/mailboxes/onbekend', { headers: { origin: OTHER_ORIGIN } });
    expect(fromPage.status).toBe(plain.status);
    expect(await fromPage.text()).toBe(await plain.text());
  });
});

describe('CORS preflight', () => {
  it('allows the mailbox’s origins to POST JSON, never with credentials', async () => {
    const response = await app.request(`/v1/mailboxes/${MAILBOX}/requests`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(response.headers.get('access-control-allow-methods')).toBe('POST');
    expect(response.headers.get('access-control-allow-headers')).toBe('Content-Type');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('access-control-max-age')).toBe('600');
  });

  it('gives other origins nothing', async () => {
    const response = await app.request(`/v1/mailboxes/${MAILBOX}/requests`, {
      method: 'OPTIONS',
      headers: { origin: OTHER_ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const descriptor = await app.request(`/v1/mailboxes/${MAILBOX}`, { method: 'OPTIONS', headers: { origin: OTHER_ORIGIN, 'access-control-request-method': 'GET' } });
    expect(descriptor.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets any page through to the 404 of an unknown mailbox, for the POST and for the descriptor, never with credentials', async () => {
    for (const [path, method] of [['/v1/mailboxes/onbekend/requests', 'POST'], ['/v1/mailboxes/onbekend', 'GET']] as const) {
      const response = await app.request(path, {
        method: 'OPTIONS',
        headers: { origin: OTHER_ORIGIN, 'access-control-request-method': method, 'access-control-request-headers': 'content-type' },
      });
      expect(response.status).toBe(204);
      expect(unknownMailboxCors(response)).toEqual({ origin: '*', credentials: null, expose: null });
      expect(response.headers.get('access-control-allow-methods')).toBe(method);
      expect(response.headers.get('access-control-allow-headers')).toBe('Content-Type');
    }
  });
});

describe('POST a request', () => {
  // Was "the ciphertext kept byte for byte": the relay now stores the canonical form of what it
  // gets (issue #10.13), which is the same packets re-armored, and still decrypts to the request.
  it('202 with id and time of receipt, only once stored; the canonical form of the ciphertext kept, which decrypts to the request', async () => {
    const ciphertext = await ciphertextFor([keys.recipient]);
    const response = await post(app, envelope(ciphertext));
    expect(response.status).toBe(202);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const receipt = (await response.json()) as { id: string; receivedAt: string };
    expect(Object.keys(receipt).sort()).toEqual(['id', 'receivedAt']);
    expect(receipt.id).toMatch(/^[A-Za-z0-9_-]{1,100}$/);
    // To the minute, as SECURITY.md says.
    expect(receipt.receivedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00(\.000)?Z$/);
    const canonical = canonicalFor(ciphertext, [keys]);
    expect(await waiting()).toContainEqual({ id: receipt.id, ciphertext: canonical });
    const request = await decryptRequest(canonical, [await readPrivateKey(keys.privateKey, PASSPHRASE)]);
    expect(request.name).toBe(`Melder ${PLAINTEXT_MARKER}`);
    await store.remove(MAILBOX, receipt.id);
  });

  it('accepts a message for any of the mailbox’s keys, and a charset on the content type', async () => {
    const config2 = await resolveConfig((await testConfig([keys, other], { limits: { postsPerMinute: 100 } })).input, temp.dir);
    const both = createRelay({ store, config: config2, log: memoryLog() });
    for (const recipients of [[keys.recipient], [other.recipient], [keys.recipient, other.recipient]]) {
      const response = await post(both, envelope(await ciphertextFor(recipients)), { headers: { 'content-type': 'application/json; charset=UTF-8' } });
      expect(response.status).toBe(202);
      await store.remove(MAILBOX, ((await response.json()) as { id: string }).id);
    }
  });

  it('404 for an unknown mailbox, readable by any page (CORS *); the ciphertext is not stored', async () => {
    const response = await post(app, envelope(await ciphertextFor([keys.recipient])), { mailbox: 'onbekend', headers: { origin: OTHER_ORIGIN } });
    expect(response.status).toBe(404);
    expect(unknownMailboxCors(response)).toEqual({ origin: '*', credentials: null, expose: null });
    expect((await errorOf(response)).code).toBe('unknown-mailbox');
    expect(await waiting('onbekend')).toEqual([]);
  });

  it('a known mailbox keeps its own origins: a foreign page gets no CORS on a 202, a 4xx or a 404 of the POST', async () => {
    const accepted = await post(app, envelope(await ciphertextFor([keys.recipient])), { headers: { origin: OTHER_ORIGIN } });
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get('access-control-allow-origin')).toBeNull();
    await store.remove(MAILBOX, ((await accepted.json()) as { id: string }).id);
    const refused = await post(app, 'x', { headers: { origin: OTHER_ORIGIN } });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('an unknown mailbox answers 404 before the submission limit: a page cannot read from it whether this network was limited', async () => {
    const limited = createRelay({ store, config: await makeConfig({ limits: { postsPerMinute: 1 } }), log: memoryLog() });
    const body = envelope(await ciphertextFor([keys.recipient]));
    const first = await post(limited, body);
    expect(first.status).toBe(202);
    await store.remove(MAILBOX, ((await first.json()) as { id: string }).id);
    expect((await post(limited, body)).status).toBe(429);
    const unknown = await post(limited, body, { mailbox: 'onbekend', headers: { origin: OTHER_ORIGIN } });
    expect(unknown.status).toBe(404);
    expect(unknownMailboxCors(unknown)).toEqual({ origin: '*', credentials: null, expose: null });
  });

  it('the counsellor calls of an unknown mailbox stay closed to pages: no CORS on their 401', async () => {
    const response = await app.request('/v1/mailboxes/onbekend/requests', { headers: { origin: OTHER_ORIGIN, ...auth(token) } });
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('the canonical form: what the relay stores (issue #10.13)', () => {
  it('armor headers, text around the armor, and unpadded ciphertext: 422 with the code, nothing stored', async () => {
    const before = await waiting();
    for (const bad of await notCanonicalMessages(keys)) {
      const response = await post(app, envelope(bad.armored));
      const error = await errorOf(response);
      expect({ name: bad.name, status: response.status, code: error.code }).toEqual({ name: bad.name, status: 422, code: bad.code });
      expect(error.message).not.toContain(PLAINTEXT_MARKER);
    }
    expect(await waiting()).toEqual(before);
  });

  it('a CRC line, also a wrong one, is accepted and not stored; every way of writing the same packets is stored as one text', async () => {
    const ciphertext = await ciphertextFor([keys.recipient]);
    const canonical = canonicalFor(ciphertext, [keys]);
    const base64 = ciphertext.split('\n').filter((line) => /^[A-Za-z0-9+/]+=*$/.test(line)).join('');
    const variants = {
      'a CRC line that does not match (RFC 9580 section 6.1: not checked)': withCrc(ciphertext, '=AAAA'),
      'no CRC line': withCrc(ciphertext, ''),
      'CRLF line ends': ciphertext.replace(/\n/g, '\r\n'),
      'lines of 76 characters': `-----BEGIN PGP MESSAGE-----\n\n${base64.match(/.{1,76}/g)!.join('\n')}\n-----END PGP MESSAGE-----\n`,
      'the canonical form itself': canonical,
    };
    for (const [name, variant] of Object.entries(variants)) {
      const response = await post(app, envelope(variant));
      expect({ name, status: response.status }).toEqual({ name, status: 202 });
      const { id } = (await response.json()) as { id: string };
      const stored = (await waiting()).find((item) => item.id === id)!;
      expect({ name, ciphertext: stored.ciphertext }).toEqual({ name, ciphertext: canonical });
      expect(stored.ciphertext).not.toMatch(/^=/m);
      await store.remove(MAILBOX, id);
    }
  });
});

describe('bad submissions: the right 4xx, a clear message that repeats nothing, nothing stored', () => {
  interface Case {
    name: string;
    status: number;
    code: string;
    payload: string | Uint8Array<ArrayBuffer> | (() => Promise<string | Uint8Array<ArrayBuffer>> | string | Uint8Array<ArrayBuffer>);
    headers?: Record<string, string>;
  }
  const cases: Case[] = [
    { name: 'malformed JSON', status: 400, code: 'bad-json', payload: `{"version": 1, "ciphertext": "${PLAINTEXT_MARKER}` },
    { name: 'an empty body', status: 400, code: 'bad-json', payload: '' },
    { name: 'a JSON array', status: 400, code: 'bad-envelope', payload: `["${PLAINTEXT_MARKER}"]` },
    { name: 'a JSON string', status: 400, code: 'bad-envelope', payload: `"${PLAINTEXT_MARKER}"` },
    {
      name: 'an extra field',
      status: 400,
      code: 'bad-envelope',
      payload: async () => JSON.stringify({ version: 1, ciphertext: await ciphertextFor([keys.recipient]), [`naam${PLAINTEXT_MARKER}`]: 'Sam' }),
    },
    { name: 'version 2', status: 400, code: 'bad-envelope', payload: async () => JSON.stringify({ version: 2, ciphertext: await ciphertextFor([keys.recipient]) }) },
    { name: 'no ciphertext', status: 400, code: 'bad-envelope', payload: '{"version": 1}' },
    {
      name: 'a plaintext request instead of an envelope',
      status: 400,
      code: 'bad-envelope',
      payload: JSON.stringify({ version: 1, reference: 'K7P-4QX', name: PLAINTEXT_MARKER, contact: { phone: '+31 20 000 0000' } }),
    },
    {
      name: 'plaintext in the ciphertext field',
      status: 400,
      code: 'bad-envelope',
      payload: JSON.stringify({ version: 1, ciphertext: `Hallo, ik ben ${PLAINTEXT_MARKER}` }),
    },
    { name: 'binary junk', status: 400, code: 'not-utf8', payload: Uint8Array.from({ length: 2000 }, (_, i) => (i * 7919 + 0x80) & 0xff | 0x80) },
    {
      name: 'odd unicode (a lone surrogate, bidi override, NUL) in the ciphertext',
      status: 422,
      code: 'corrupt',
      payload: `{"version": 1, "ciphertext": "-----BEGIN PGP MESSAGE-----\\n\\n\\ud800\\u202e\\u0000${PLAINTEXT_MARKER}\\n-----END PGP MESSAGE-----\\n"}`,
    },
    {
      // Was 400 bad-envelope from the store's check; armor headers are now refused first, whatever they hold.
      name: 'a NUL in an armor header (the packets are fine; armor headers are refused)',
      status: 422,
      code: 'not-armored',
      payload: async () =>
        JSON.stringify({ version: 1, ciphertext: (await ciphertextFor([keys.recipient])).replace('-----\n', `-----\nComment: ${PLAINTEXT_MARKER}\u0000\n`) }),
    },
    {
      // The envelope's own rule (it starts with the BEGIN line) refuses this before the armor is read.
      name: 'text before the BEGIN line',
      status: 400,
      code: 'bad-envelope',
      payload: async () => envelope(`${PLAINTEXT_MARKER}\n${await ciphertextFor([keys.recipient])}`),
    },
    {
      name: 'encrypted data without any recipient',
      status: 422,
      code: 'wrong-recipient',
      payload: () => envelope(armor(packet(18, Uint8Array.from({ length: 100 }, (_, i) => (i === 0 ? 1 : i))))),
    },
    { name: 'no content type', status: 415, code: 'unsupported-media-type', payload: '{}', headers: { 'content-type': '' } },
    { name: 'text/plain (a CORS simple request)', status: 415, code: 'unsupported-media-type', payload: '{}', headers: { 'content-type': 'text/plain' } },
    {
      name: 'a form post',
      status: 415,
      code: 'unsupported-media-type',
      payload: `naam=${PLAINTEXT_MARKER}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    },
    { name: 'JSON in another charset', status: 415, code: 'unsupported-media-type', payload: '{}', headers: { 'content-type': 'application/json; charset=latin1' } },
    { name: 'a Content-Length that is not a number', status: 400, code: 'bad-content-length', payload: '{}', headers: { 'content-length': '12abc' } },
    { name: 'a body longer than its Content-Length', status: 413, code: 'too-large', payload: `{"version":1,"ciphertext":"${PLAINTEXT_MARKER}"}`, headers: { 'content-length': '10' } },
    { name: 'a body shorter than its Content-Length', status: 400, code: 'body-incomplete', payload: '{"version":1}', headers: { 'content-length': '5000' } },
    { name: 'more than 64 KiB', status: 413, code: 'too-large', payload: () => envelope(`-----BEGIN PGP MESSAGE-----\n\n${'A'.repeat(ENVELOPE_MAX_BYTES)}`) },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const before = await waiting();
      const headers = { ...c.headers };
      if (headers['content-type'] === '') delete headers['content-type'];
      const body = typeof c.payload === 'function' ? await c.payload() : c.payload;
      const init: { headers: Record<string, string> } = { headers };
      let response: Response;
      if (c.headers?.['content-type'] === '') {
        const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
        response = await app.request(`/v1/mailboxes/${MAILBOX}/requests`, {
          method: 'POST',
          headers: { 'content-length': String(bytes.byteLength), origin: ORIGIN },
          body: new Blob([bytes]).stream(),
          duplex: 'half',
        } as RequestInit);
      } else {
        response = await post(app, body, init);
      }
      expect(response.status).toBe(c.status);
      // The widget can read the answer: CORS headers are on errors too.
      expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      const error = await errorOf(response);
      expect(error.code).toBe(c.code);
      expect(error.message.length).toBeGreaterThan(20);
      expect(error.message).not.toContain(PLAINTEXT_MARKER);
      expect(error.message).not.toContain('naam');
      expect(await waiting()).toEqual(before);
    });
  }

  it('411 without a Content-Length', async () => {
    const response = await app.request(`/v1/mailboxes/${MAILBOX}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: new Blob([envelope(await ciphertextFor([keys.recipient]))]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(411);
    expect(response.headers.get('connection')).toBe('close');
    expect(await errorOf(response)).toEqual({ code: 'length-required', message: expect.stringContaining('Content-Length') as unknown });
    expect(await waiting()).toEqual([]);
  });

  it('413 from the Content-Length alone, before any of the body is read', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const response = await app.request(`/v1/mailboxes/${MAILBOX}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(1024 * 1024 * 1024), origin: ORIGIN },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(response.headers.get('connection')).toBe('close');
    // The stream's first pull happens when it is made (highWaterMark 1): nothing after that.
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('a body that never ends is cut off at the declared length', async () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 4096;
        controller.enqueue(new Uint8Array(4096).fill(0x20));
      },
    });
    const response = await app.request(`/v1/mailboxes/${MAILBOX}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '10000', origin: ORIGIN },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(sent).toBeLessThanOrEqual(10000 + 2 * 4096);
  });

  it('OpenPGP messages that are not ciphertext for this mailbox: 422 with the reason', async () => {
    for (const bad of await badMessages(keys, other)) {
      const response = await post(app, envelope(bad.armored));
      const error = await errorOf(response);
      expect({ name: bad.name, status: response.status, code: error.code }).toEqual({ name: bad.name, status: 422, code: bad.code });
      expect(error.message).toMatch(/ The relay accepts only OpenPGP messages encrypted to this mailbox's keys, as the widget makes them\.$/);
      expect(error.message).not.toContain(PLAINTEXT_MARKER);
    }
    expect(await waiting()).toEqual([]);
  });

  it('a message for another mailbox of the same relay: 422', async () => {
    const response = await post(app, envelope(await ciphertextFor([other.recipient])));
    expect(response.status).toBe(422);
    expect((await errorOf(response)).code).toBe('wrong-recipient');
  });
});

describe('the submission limit per client', () => {
  it('429 with Retry-After for a flood from one client, while another client still gets 202', async () => {
    const limited = createRelay({ store, config: await makeConfig({ limits: { postsPerMinute: 3 } }), log: memoryLog() });
    const ciphertext = await ciphertextFor([keys.recipient]);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await post(limited, envelope(ciphertext), { env: from('192.0.2.10') })).status);
    expect(statuses).toEqual([202, 202, 202, 429, 429, 429]);
    const flood = await post(limited, envelope(ciphertext), { env: from('192.0.2.10') });
    expect(flood.status).toBe(429);
    expect(Number(flood.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(flood.headers.get('retry-after'))).toBeLessThanOrEqual(20);
    expect(flood.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(await errorOf(flood)).toEqual({ code: 'rate-limited', message: expect.stringMatching(/^Too many requests from this network; try again in \d+ seconds\.$/) as unknown });
    // Also junk counts: the limit is decided before the body is read.
    expect((await post(limited, 'junk', { env: from('192.0.2.10') })).status).toBe(429);

    expect((await post(limited, envelope(ciphertext), { env: from('192.0.2.11') })).status).toBe(202);
    // One IPv6 client is its /64: another address in it is the same client.
    for (let i = 0; i < 3; i++) expect((await post(limited, envelope(ciphertext), { env: from(`2001:db8:1:2::${i + 1}`) })).status).toBe(202);
    expect((await post(limited, envelope(ciphertext), { env: from('2001:db8:1:2:ffff::9') })).status).toBe(429);
    expect((await post(limited, envelope(ciphertext), { env: from('2001:db8:1:3::1') })).status).toBe(202);
    expect(await waiting()).toHaveLength(3 + 1 + 3 + 1);
    for (const { id } of await waiting()) await store.remove(MAILBOX, id);
  });

  it('behind a trusted proxy, counts by the address the proxy added, not by what the client wrote', async () => {
    const proxied = createRelay({ store, config: await makeConfig({ trustProxy: true, limits: { postsPerMinute: 1 } }), log: memoryLog() });
    const ciphertext = await ciphertextFor([keys.recipient]);
    const proxy = from('127.0.0.1');
    const as = (chain: string) => ({ env: proxy, headers: { 'x-forwarded-for': chain } });
    expect((await post(proxied, envelope(ciphertext), as('198.51.100.7'))).status).toBe(202);
    expect((await post(proxied, envelope(ciphertext), as('10.9.9.9, 198.51.100.7'))).status).toBe(429);
    expect((await post(proxied, envelope(ciphertext), as('198.51.100.8'))).status).toBe(202);
    // Without trustProxy the header means nothing: every client behind the proxy is the proxy.
    const direct = createRelay({ store, config: await makeConfig({ limits: { postsPerMinute: 1 } }), log: memoryLog() });
    expect((await post(direct, envelope(ciphertext), as('198.51.100.9'))).status).toBe(202);
    expect((await post(direct, envelope(ciphertext), as('198.51.100.10'))).status).toBe(429);
    for (const { id } of await waiting()) await store.remove(MAILBOX, id);
  });
});

describe('the counsellor tools: list and acknowledge with a token', () => {
  async function submit(n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const response = await post(app, envelope(await ciphertextFor([keys.recipient])));
      ids.push(((await response.json()) as { id: string }).id);
    }
    return ids;
  }

  it('lists oldest first in pages, then acknowledges; DELETE is idempotent', async () => {
    const ids = await submit(5);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const query: string = after === null ? '?limit=2' : `?limit=2&after=${encodeURIComponent(after)}`;
      const response = await app.request(`/v1/mailboxes/${MAILBOX}/requests${query}`, { headers: auth(token) });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { items: { id: string; receivedAt: string; ciphertext: string }[]; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(2);
      for (const item of body.items) {
        expect(Object.keys(item).sort()).toEqual(['ciphertext', 'id', 'receivedAt']);
        expect(item.ciphertext).toMatch(/^-----BEGIN PGP MESSAGE-----/);
      }
      seen.push(...body.items.map((i) => i.id));
      if (body.nextCursor === null) break;
      after = body.nextCursor;
    }
    expect(seen).toEqual(ids);

    for (const id of ids) {
      const response = await app.request(`/v1/mailboxes/${MAILBOX}/requests/${id}`, { method: 'DELETE', headers: auth(token) });
      expect(response.status).toBe(204);
      expect(await response.text()).toBe('');
    }
    const again = await app.request(`/v1/mailboxes/${MAILBOX}/requests/${ids[0]}`, { method: 'DELETE', headers: auth(token) });
    expect(again.status).toBe(204);
    const empty = await app.request(`/v1/mailboxes/${MAILBOX}/requests`, { headers: auth(token) });
    expect(await empty.json()).toEqual({ items: [], nextCursor: null });
  });

  it('401 with one and the same body for no token, a wrong token, another mailbox’s token and an unknown mailbox', async () => {
    const [id] = await submit(1);
    const attempts: [string, Record<string, string>][] = [
      [`/v1/mailboxes/${MAILBOX}/requests`, {}],
      [`/v1/mailboxes/${MAILBOX}/requests`, auth('vpt_wrong')],
      [`/v1/mailboxes/${MAILBOX}/requests`, { authorization: token }],
      [`/v1/mailboxes/${MAILBOX}/requests`, { authorization: `Basic ${token}` }],
      [`/v1/mailboxes/${MAILBOX}/requests`, auth(otherToken)],
      ['/v1/mailboxes/onbekend/requests', auth(token)],
      ['/v1/mailboxes/..%2Fvoorbeeld/requests', auth(token)],
      ['/v1/mailboxes/%E2%80%AEvoorbeeld/requests', auth(token)],
    ];
    const bodies = new Set<string>();
    for (const [path, headers] of attempts) {
      const response = await app.request(path, { headers }, from(`192.0.2.${bodies.size + 100}`));
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      bodies.add(await response.text());
      const del = await app.request(path.replace(/requests$/, `requests/${id}`), { method: 'DELETE', headers }, from('192.0.2.200'));
      expect(del.status).toBe(401);
      bodies.add(await del.text());
    }
    expect(bodies.size).toBe(1);
    expect(await waiting()).toHaveLength(1);
    await store.remove(MAILBOX, id!);
  });

  it('locks out wrong tokens also once the limiter holds as many clients as it may (#10.14)', async () => {
    const full = createRelay({ store, config: await makeConfig({ limits: { failedTokensPerMinute: 3 } }), log: memoryLog(), maxLimitedClients: 2 });
    const list = (t: string, address: string) => full.request(`/v1/mailboxes/${MAILBOX}/requests`, { headers: auth(t) }, from(address));
    // Two clients fill the table.
    expect((await list('vpt_guess', '198.51.100.1')).status).toBe(401);
    expect((await list('vpt_guess', '198.51.100.2')).status).toBe(401);
    for (let i = 0; i < 3; i++) expect((await list('vpt_guess', '203.0.113.77')).status).toBe(401);
    expect((await list(token, '203.0.113.77')).status).toBe(429);
    // Every client the table has no room for shares that lockout: rotating addresses does not help.
    expect((await list('vpt_guess', '203.0.113.78')).status).toBe(429);
  });

  it('limits submissions also once the limiter holds as many clients as it may', async () => {
    const full = createRelay({ store, config: await makeConfig({ limits: { postsPerMinute: 2 } }), log: memoryLog(), maxLimitedClients: 2 });
    const ciphertext = await ciphertextFor([keys.recipient]);
    const send = async (address: string) => (await post(full, envelope(ciphertext), { env: from(address) })).status;
    expect(await send('198.51.100.1')).toBe(202);
    expect(await send('198.51.100.2')).toBe(202);
    expect([await send('203.0.113.77'), await send('203.0.113.77'), await send('203.0.113.77'), await send('203.0.113.78')]).toEqual([202, 202, 429, 429]);
    for (const { id } of await waiting()) await store.remove(MAILBOX, id);
  });

  it('after too many wrong tokens from one client, 429 even for the right token; other clients go on', async () => {
    const limited = createRelay({ store, config: await makeConfig({ limits: { failedTokensPerMinute: 3 } }), log: memoryLog() });
    const list = (t: string, address: string) => limited.request(`/v1/mailboxes/${MAILBOX}/requests`, { headers: auth(t) }, from(address));
    for (let i = 0; i < 3; i++) expect((await list('vpt_guess', '203.0.113.5')).status).toBe(401);
    const blocked = await list(token, '203.0.113.5');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await errorOf(blocked)).code).toBe('too-many-failed-tokens');
    expect((await list(token, '203.0.113.6')).status).toBe(200);
    // Successful calls do not count.
    for (let i = 0; i < 5; i++) expect((await list(token, '203.0.113.7')).status).toBe(200);
  });

  it('400 for a bad limit or cursor', async () => {
    for (const limit of ['0', '201', '-1', '1.5', 'abc', '', '1e2', '0010']) {
      const response = await app.request(`/v1/mailboxes/${MAILBOX}/requests?limit=${limit}`, { headers: auth(token) });
      expect({ limit, status: response.status }).toEqual({ limit, status: 400 });
      expect(await errorOf(response)).toEqual({ code: 'bad-limit', message: 'The limit must be a whole number from 1 to 200.' });
    }
    expect((await app.request(`/v1/mailboxes/${MAILBOX}/requests?limit=200`, { headers: auth(token) })).status).toBe(200);
    for (const after of ['abc', '-1', '1.5', `x${'9'.repeat(200)}`, '%27%20OR%201%3D1']) {
      const response = await app.request(`/v1/mailboxes/${MAILBOX}/requests?after=${after}`, { headers: auth(token) });
      expect({ after, status: response.status }).toEqual({ after, status: 400 });
      const error = await errorOf(response);
      expect(error.code).toBe('bad-cursor');
      expect(error.message).not.toContain(after);
    }
  });

  it('400 for request ids that are not ids, with no path traversal', async () => {
    const [id] = await submit(1);
    for (const bad of ['..%2F..%2Fetc%2Fpasswd', '...', '%2F', 'a'.repeat(101), '%C3%A9', '%E2%80%AE', '%00', 'a%20b', "a'b"]) {
      const response = await app.request(`/v1/mailboxes/${MAILBOX}/requests/${bad}`, { method: 'DELETE', headers: auth(token) });
      expect({ bad, status: response.status }).toEqual({ bad, status: 400 });
      expect(await errorOf(response)).toEqual({ code: 'bad-request-id', message: expect.stringContaining('That is not a request id') as unknown });
    }
    // Dot segments (also percent-encoded ones) are resolved by the URL parser before routing: they
    // name another route and never reach the handler as an id.
    for (const dotted of ['..', '%2e%2e', `../../${MAILBOX}`]) {
      const response = await app.request(`/v1/mailboxes/${MAILBOX}/requests/${dotted}`, { method: 'DELETE', headers: auth(token) });
      expect([404, 405]).toContain(response.status);
    }
    expect(await waiting()).toHaveLength(1);
    await store.remove(MAILBOX, id!);
  });
});

describe('every response', () => {
  it('carries no-store, nosniff, no-referrer and a CSP of default-src none; errors are JSON', async () => {
    const responses: [string, Response][] = [
      ['healthz', await app.request('/healthz')],
      ['readyz', await app.request('/readyz')],
      ['descriptor', await app.request(`/v1/mailboxes/${MAILBOX}`)],
      ['preflight', await app.request(`/v1/mailboxes/${MAILBOX}/requests`, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } })],
      ['list', await app.request(`/v1/mailboxes/${MAILBOX}/requests`, { headers: auth(token) })],
      ['401', await app.request(`/v1/mailboxes/${MAILBOX}/requests`)],
      ['400', await post(app, 'x')],
      ['404', await app.request('/v1/nothing/here')],
      ['404 root', await app.request('/')],
      ['405', await app.request(`/v1/mailboxes/${MAILBOX}`, { method: 'PUT' })],
    ];
    for (const [name, response] of responses) {
      const headers = Object.fromEntries(response.headers);
      expect({ name, ...headers }).toMatchObject({
        name,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      });
      if (response.status >= 400) {
        expect(headers['content-type']).toBe('application/json');
        await errorOf(response);
      }
    }
    const notAllowed = responses.find(([n]) => n === '405')![1];
    expect(notAllowed.status).toBe(405);
    expect(notAllowed.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('health, readiness and stopping', () => {
  it('/healthz and /readyz answer; while stopping, new requests get 503 and the connection closes', async () => {
    expect(await (await app.request('/healthz')).json()).toEqual({ status: 'ok' });
    expect(await (await app.request('/readyz')).json()).toEqual({ status: 'ready' });
    const shutdown = new AbortController();
    const stopping = createRelay({ store, config, log: memoryLog(), shutdown: shutdown.signal });
    expect((await stopping.request('/readyz')).status).toBe(200);
    shutdown.abort();
    for (const response of [await stopping.request('/readyz'), await post(stopping, envelope(await ciphertextFor([keys.recipient])))]) {
      expect(response.status).toBe(503);
      expect(response.headers.get('connection')).toBe('close');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect((await errorOf(response)).code).toBe('shutting-down');
    }
    expect(await waiting()).toEqual([]);
  });

  it('a database that fails: 503, nothing promised, and a line in the log', async () => {
    const dir = tempDir();
    try {
      const broken = await sqliteStore(dir.dir);
      const brokenLog = memoryLog();
      const relay = createRelay({ store: broken, config, log: brokenLog });
      const db = new Database(join(dir.dir, 'relay.db'));
      db.exec('DROP TABLE requests');
      db.close();
      const response = await post(relay, envelope(await ciphertextFor([keys.recipient])));
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('60');
      expect((await errorOf(response)).code).toBe('store-unavailable');
      const event = brokenLog.lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.event === 'store-failed');
      expect(event).toMatchObject({ level: 'error', operation: 'add', error: expect.stringContaining('no such table') as unknown });
      expect(JSON.stringify(brokenLog.lines)).not.toContain('BEGIN PGP');
      await broken.close();
      // A closed store is not ready.
      const ready = await relay.request('/readyz');
      expect(ready.status).toBe(503);
    } finally {
      dir.remove();
    }
  });
});

describe('the request log', () => {
  it('one JSON line per request: method, route pattern, status, duration; no address, agent, path or body', async () => {
    const lineLog = memoryLog();
    const relay = createRelay({ store, config: await makeConfig({ trustProxy: true }), log: lineLog });
    const headers = { 'user-agent': 'Mozilla/5.0 MarkerAgent/1.0', 'x-forwarded-for': '198.51.100.77', referer: 'https://intranet.voorbeeld.example/hr/melding' };
    const ciphertext = await ciphertextFor([keys.recipient]);
    const accepted = await post(relay, envelope(ciphertext), { headers, env: from('192.0.2.99') });
    const { id } = (await accepted.json()) as { id: string };
    await post(relay, `{"naam": "${PLAINTEXT_MARKER}"}`, { headers, env: from('192.0.2.99') });
    await relay.request(`/v1/mailboxes/${MAILBOX}?probe=${PLAINTEXT_MARKER}`, { headers }, from('192.0.2.99'));
    await relay.request(`/v1/mailboxes/${MAILBOX}/requests/${id}`, { method: 'DELETE', headers: { ...headers, ...auth(token) } }, from('192.0.2.99'));
    await relay.request(`/secret/${PLAINTEXT_MARKER}`, { headers }, from('192.0.2.99'));

    const lines = lineLog.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map(({ ms, ...rest }) => (expect(typeof ms).toBe('number'), rest))).toEqual([
      { method: 'POST', route: '/v1/mailboxes/:id/requests', status: 202 },
      { method: 'POST', route: '/v1/mailboxes/:id/requests', status: 400 },
      { method: 'GET', route: '/v1/mailboxes/:id', status: 200 },
      { method: 'DELETE', route: '/v1/mailboxes/:id/requests/:requestId', status: 204 },
      { method: 'GET', route: '/*', status: 404 },
    ]);
    for (const line of lines) expect(Object.keys(line).sort()).toEqual(['method', 'ms', 'route', 'status']);
    const all = lineLog.lines.join('\n');
    for (const secret of ['192.0.2.99', '198.51.100.77', 'MarkerAgent', PLAINTEXT_MARKER, 'intranet', id, MAILBOX, token, 'BEGIN PGP']) {
      expect(all).not.toContain(secret);
    }
  });
});

describe('after the tests', () => {
  it('a dump of the database holds no plaintext of any request', async () => {
    // One request left waiting, so the dump surely holds ciphertext.
    expect((await post(app, envelope(await ciphertextFor([keys.recipient])))).status).toBe(202);
    await store.close();
    const dump = dumpSqlite(join(temp.dir, 'relay.db'));
    expect(dump).toContain('BEGIN PGP MESSAGE');
    expect(dump).not.toContain(PLAINTEXT_MARKER);
    expect(dump).not.toContain('Melder');
  });
});

describe('the shared HTTP contract (@vp-contact/protocol/http)', () => {
  it('held for every answer the tests above got: descriptor, receipt, request page and every error', () => {
    // Runs last: the checks ran in app.request for each answer; this shows they met every kind.
    expect(tally.descriptors).toBeGreaterThan(0);
    expect(tally.receipts).toBeGreaterThan(0);
    expect(tally.pages).toBeGreaterThan(0);
    expect([...tally.errorCodes].sort()).toEqual(
      expect.arrayContaining([
        'bad-envelope',
        'bad-json',
        'length-required',
        'method-not-allowed',
        'not-armored',
        'not-padded',
        'not-found',
        'rate-limited',
        'too-large',
        'too-many-failed-tokens',
        'unauthorized',
        'unknown-mailbox',
        'unsupported-media-type',
        'wrong-recipient',
      ]),
    );
  });
});
