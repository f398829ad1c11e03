// The vp-relay command over real HTTP on loopback, with a temporary SQLite file: the bad inputs
// no HTTP client library sends, a flood from one client, SIGKILL under load and restart, SIGTERM
// with a request in flight, configuration errors, what the log holds, and at the end what the
// database file holds.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken, makeToken } from '@vp-contact/protocol';
import {
  cardPayload,
  freePort,
  makeCard,
  makeKeyPair,
  makeKeys,
  MAILBOX,
  runRelayCommand,
  startRelay,
  tempDir,
  type Keys,
  type RelayProcess,
} from '@vp-contact/test-kit';
import { badMessages, canonicalFor, ciphertextFor, ORIGIN, PLAINTEXT_MARKER, withCrc } from './test-support/fixtures.js';
import { dumpSqlite, httpRequest as uncheckedHttpRequest, rawExchange, statuses, writeConfig } from './test-support/process.js';
import { checkAnswer, contractTally } from './test-support/contract.js';

// Every answer httpRequest gets below is checked against @vp-contact/protocol/http first.
const tally = contractTally();
async function httpRequest(...args: Parameters<typeof uncheckedHttpRequest>): ReturnType<typeof uncheckedHttpRequest> {
  const result = await uncheckedHttpRequest(...args);
  const [, options] = args;
  await checkAnswer(options.method ?? 'GET', options.path.replace(/\?.*$/, ''), new Response(result.body || null, { status: result.status }), tally);
  return result;
}

const temp = tempDir();
let keys: Keys;
let other: Keys;
let token: string;
let port: number;
let configFile: string;
let relay: RelayProcess;
/** Every stdout line of every relay process in this file, for the log test at the end. */
const logs: string[] = [];
/** Text from every submission the relay refused: none of it may end up in the database. */
const refused: string[] = [];
/** One client (loopback source address) per use, so the submission limit is per test. */
let nextClient = 1;
const client = () => `127.0.1.${nextClient++}`;

const POSTS_PER_MINUTE = 20;

function config(overrides: Record<string, unknown> = {}) {
  return {
    listen: { host: '127.0.0.1', port },
    database: 'sqlite:./data/relay.db',
    limits: { postsPerMinute: POSTS_PER_MINUTE, failedTokensPerMinute: 5 },
    mailboxes: [
      {
        id: MAILBOX,
        displayName: 'Vertrouwenspersonen Voorbeeld',
        contact: { phone: '+31 20 000 0000', email: 'vp@voorbeeld.example' },
        publicKeys: ['keys/public.asc'],
        cards: ['keys/card.asc'],
        allowedOrigins: [ORIGIN],
        counsellorTokenHashes: [hashOfToken],
        retentionDays: 30,
      },
    ],
    ...overrides,
  };
}
let hashOfToken: string;
/** The mailbox's valid card, which the relay checks at start and serves. */
let card: string;

async function start(file = configFile): Promise<RelayProcess> {
  const started = await startRelay({ configFile: file, url: `http://127.0.0.1:${port}` });
  void started.exited.then(() => logs.push(...started.output.stdout.split('\n').filter(Boolean)));
  return started;
}

const envelope = (ciphertext: string) => JSON.stringify({ version: 1, ciphertext });

function submit(body: string | Uint8Array, options: { localAddress?: string; headers?: Record<string, string> } = {}) {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  return httpRequest(port, {
    method: 'POST',
    path: `/v1/mailboxes/${MAILBOX}/requests`,
    headers: { 'content-type': 'application/json', 'content-length': String(bytes.byteLength), origin: ORIGIN, ...options.headers },
    body: bytes,
    localAddress: options.localAddress ?? client(),
  });
}

async function waitingIds(): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const query: string = after === null ? '?limit=200' : `?limit=200&after=${encodeURIComponent(after)}`;
    const response = await httpRequest(port, { path: `/v1/mailboxes/${MAILBOX}/requests${query}`, headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const body = JSON.parse(response.body) as { items: { id: string }[]; nextCursor: string | null };
    ids.push(...body.items.map((i) => i.id));
    if (body.nextCursor === null) return ids;
    after = body.nextCursor;
  }
  throw new Error('too many pages');
}

async function acknowledgeAll(): Promise<void> {
  for (const id of await waitingIds()) {
    const response = await httpRequest(port, { method: 'DELETE', path: `/v1/mailboxes/${MAILBOX}/requests/${id}`, headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(204);
  }
}

beforeAll(async () => {
  [keys, other] = await Promise.all([makeKeys(), makeKeys({ email: 'collega@ander.example' })]);
  token = makeToken();
  hashOfToken = await hashToken(token);
  port = await freePort();
  const { mkdirSync } = await import('node:fs');
  mkdirSync(join(temp.dir, 'keys'));
  writeFileSync(join(temp.dir, 'keys/public.asc'), keys.publicKey);
  card = await makeCard(keys, cardPayload(keys));
  writeFileSync(join(temp.dir, 'keys/card.asc'), card);
  configFile = writeConfig(join(temp.dir, 'relay.json'), config());
  relay = await start();
});

afterAll(async () => {
  await relay?.stop();
  temp.remove();
});

describe('vp-relay over real HTTP', () => {
  it('serves the descriptor, takes a request, lists it for the token and forgets it once acknowledged', async () => {
    const descriptor = await fetch(`${relay.url}/v1/mailboxes/${MAILBOX}`, { headers: { origin: ORIGIN } });
    expect(descriptor.status).toBe(200);
    expect(descriptor.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(await descriptor.json()).toMatchObject({ fingerprints: [keys.fingerprint.toUpperCase()], cards: [card] });

    const ciphertext = await ciphertextFor([keys.recipient]);
    // fetch, as the widget posts: it sets Content-Length itself.
    const response = await fetch(`${relay.url}/v1/mailboxes/${MAILBOX}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: envelope(ciphertext),
    });
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    expect(await waitingIds()).toEqual([id]);
    // What it keeps and hands out is the canonical form of what was posted (issue #10.13).
    const canonical = canonicalFor(ciphertext, [keys]);
    const listed = await httpRequest(port, { path: `/v1/mailboxes/${MAILBOX}/requests`, headers: { authorization: `Bearer ${token}` } });
    expect((JSON.parse(listed.body) as { items: { ciphertext: string }[] }).items.map((i) => i.ciphertext)).toEqual([canonical]);
    await acknowledgeAll();
    expect(await waitingIds()).toEqual([]);

    // Acknowledged is gone from every file in the data folder, while the relay still runs; the
    // folder and files are the relay user's only. (The lines of the stored, canonical text: those
    // of the posted text were never in the files.)
    const data = join(temp.dir, 'data');
    const armorLines = canonical.split('\n').filter((line) => /^[A-Za-z0-9+/]{40,}$/.test(line));
    expect(armorLines.length).toBeGreaterThan(3);
    expect(statSync(data).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(data)) {
      const bytes = readFileSync(join(data, name)).toString('latin1');
      expect({ name, mode: statSync(join(data, name)).mode & 0o777, left: armorLines.filter((line) => bytes.includes(line)).length }).toEqual({ name, mode: 0o600, left: 0 });
    }
  });

  it('bad submissions: the right 4xx with a clear message, nothing stored, and the relay serves on', async () => {
    const cases: [string, string | Uint8Array, number, string, Record<string, string>?][] = [
      ['malformed JSON', `{"version":1,"ciphertext":"${PLAINTEXT_MARKER}`, 400, 'bad-json'],
      ['an extra field', envelope('x').replace('{', `{"naam":"${PLAINTEXT_MARKER}",`), 400, 'bad-envelope'],
      ['plaintext', JSON.stringify({ version: 1, ciphertext: `${PLAINTEXT_MARKER} hallo` }), 400, 'bad-envelope'],
      ['binary junk', Uint8Array.from({ length: 3000 }, (_, i) => (i * 31) % 256 | 0x80), 400, 'not-utf8'],
      ['odd unicode', `{"version":1,"ciphertext":"-----BEGIN PGP MESSAGE-----\\n\\n\\udfff\\u200b\\u202e${PLAINTEXT_MARKER}\\n-----END PGP MESSAGE-----"}`, 422, 'corrupt'],
      ['a wrong content type', envelope('x'), 415, 'unsupported-media-type', { 'content-type': 'text/plain' }],
    ];
    for (const bad of await badMessages(keys, other)) cases.push([bad.name, envelope(bad.armored), 422, bad.code]);
    for (const [name, body, status, code, headers] of cases) {
      refused.push(typeof body === 'string' ? body : '');
      const response = await submit(body, headers ? { headers } : {});
      const error = (JSON.parse(response.body) as { error: { code: string; message: string } }).error;
      expect({ name, status: response.status, code: error.code }).toEqual({ name, status, code });
      expect(error.message).not.toContain(PLAINTEXT_MARKER);
      expect(response.headers['access-control-allow-origin']).toBe(ORIGIN);
    }
    // A missing content type (node:http adds none).
    const bare = await httpRequest(port, { method: 'POST', path: `/v1/mailboxes/${MAILBOX}/requests`, headers: { 'content-length': '2' }, body: '{}', localAddress: client() });
    expect(bare.status).toBe(415);
    expect(await waitingIds()).toEqual([]);
  });

  it('the canonical form: armor headers get 422 not-armored and nothing is kept; a wrong CRC line is accepted and not kept', async () => {
    const ciphertext = await ciphertextFor([keys.recipient]);
    // Other packets than the accepted one below, so the dump test at the end can look for them.
    const withHeader = (await ciphertextFor([keys.recipient])).replace('-----BEGIN PGP MESSAGE-----\n', `-----BEGIN PGP MESSAGE-----\nComment: ${PLAINTEXT_MARKER}\n`);
    refused.push(envelope(withHeader));
    const refusal = await submit(envelope(withHeader));
    expect(refusal.status).toBe(422);
    expect((JSON.parse(refusal.body) as { error: { code: string } }).error.code).toBe('not-armored');
    expect(await waitingIds()).toEqual([]);

    const accepted = await submit(envelope(withCrc(ciphertext, '=AAAA')));
    expect(accepted.status).toBe(202);
    const listed = await httpRequest(port, { path: `/v1/mailboxes/${MAILBOX}/requests`, headers: { authorization: `Bearer ${token}` } });
    expect((JSON.parse(listed.body) as { items: { ciphertext: string }[] }).items.map((i) => i.ciphertext)).toEqual([canonicalFor(ciphertext, [keys])]);
    await acknowledgeAll();
  });

  it('Content-Length: 411 without it (chunked), 413 for a huge one without reading the body', async () => {
    const head = (extra: string) =>
      `POST /v1/mailboxes/${MAILBOX}/requests HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nOrigin: ${ORIGIN}\r\n${extra}\r\n`;
    const chunked = await rawExchange(port, [head('Transfer-Encoding: chunked\r\n'), `${(12).toString(16)}\r\n{"version":1\r\n0\r\n\r\n`], { localAddress: client() });
    expect(statuses(chunked.response)).toEqual([411]);
    expect(chunked.response).toContain('"code":"length-required"');
    expect(chunked.closedByRelay).toBe(true);

    // A gigabyte declared, a few bytes sent: the relay answers at once and closes the connection.
    const huge = await rawExchange(port, [head('Content-Length: 1073741824\r\n'), '{"version":1,'], { localAddress: client() });
    expect(statuses(huge.response)).toEqual([413]);
    expect(huge.response).toContain('"code":"too-large"');
    expect(huge.closedByRelay).toBe(true);
    expect(await waitingIds()).toEqual([]);
  });

  it('a lying Content-Length lets nothing more through', async () => {
    const ciphertext = await ciphertextFor([keys.recipient]);
    const body = envelope(ciphertext);
    refused.push(body.slice(0, 200));
    const head = (length: number) =>
      `POST /v1/mailboxes/${MAILBOX}/requests HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;
    // Shorter than the body: only the declared bytes are the body (a cut-off envelope), and the rest
    // is not HTTP at all, so Node.js answers 400 and closes the connection (sometimes before the
    // relay's own 400 for the cut-off JSON).
    const shorter = await rawExchange(port, [head(100), body], { localAddress: client() });
    expect(statuses(shorter.response)[0]).toBe(400);
    expect(shorter.response).not.toContain('202 Accepted');
    expect(shorter.closedByRelay).toBe(true);
    // Longer than the body, then the client stops sending: the body is incomplete.
    const longer = await rawExchange(port, [head(body.length + 5000), body], { localAddress: client(), halfClose: true });
    expect(statuses(longer.response).every((s) => s >= 400 && s < 500)).toBe(true);
    expect(await waitingIds()).toEqual([]);
    // The relay goes on serving.
    expect((await submit(envelope(ciphertext))).status).toBe(202);
    await acknowledgeAll();
  });

  it('path traversal and odd unicode in ids never reach the store', async () => {
    const [id] = [((await submit(envelope(await ciphertextFor([keys.recipient])))).body.match(/"id":"([^"]+)"/) ?? [])[1]!];
    const auth = `Authorization: Bearer ${token}\r\n`;
    for (const path of [
      `/v1/mailboxes/${MAILBOX}/requests/../../../../etc/passwd`,
      `/v1/mailboxes/${MAILBOX}/requests/..%2F..%2F..%2Fetc%2Fpasswd`,
      `/v1/mailboxes/${MAILBOX}/requests/%2e%2e%2f${id}`,
      `/v1/mailboxes/${MAILBOX}/requests/%00${id}`,
      `/v1/mailboxes/${MAILBOX}/requests/${id}%E2%80%8B`,
      `/v1/mailboxes/${MAILBOX}/requests/%C0%AE%C0%AE`,
      `/v1/mailboxes/${MAILBOX}/requests/${id}\\..\\..`,
      `/v1/mailboxes/..%2F${MAILBOX}/requests/${id}`,
    ]) {
      const exchange = await rawExchange(port, [`DELETE ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${auth}Connection: close\r\n\r\n`]);
      const [status] = statuses(exchange.response);
      expect({ path, status }).toEqual({ path, status: expect.toSatisfy((s: number) => s >= 400 && s < 500) as unknown });
    }
    expect(await waitingIds()).toEqual([id]);
    await acknowledgeAll();
  });

  it('a flood from one client gets 429 with Retry-After, while another client still gets 202', async () => {
    const ciphertext = await ciphertextFor([keys.recipient]);
    const flooder = client();
    const results = await Promise.all(Array.from({ length: POSTS_PER_MINUTE + 10 }, () => submit(envelope(ciphertext), { localAddress: flooder })));
    const accepted = results.filter((r) => r.status === 202).length;
    const limited = results.filter((r) => r.status === 429);
    expect(accepted).toBe(POSTS_PER_MINUTE);
    expect(limited).toHaveLength(10);
    expect(Number(limited[0]!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(limited[0]!.body)).toEqual({ error: { code: 'rate-limited', message: expect.stringContaining('try again in') as unknown } });
    expect((await submit(envelope(ciphertext), { localAddress: client() })).status).toBe(202);
    expect((await submit(envelope(ciphertext), { localAddress: flooder })).status).toBe(429);
    expect(await waitingIds()).toHaveLength(POSTS_PER_MINUTE + 1);
    await acknowledgeAll();
  });

  it('survives SIGKILL during a load of submissions: after a restart, every request answered 202 is there', async () => {
    const loadConfig = writeConfig(join(temp.dir, 'relay-load.json'), config({ limits: { postsPerMinute: 1_000_000 } }));
    await relay.stop();
    relay = await start(loadConfig);
    const ciphertexts = await Promise.all(Array.from({ length: 4 }, () => ciphertextFor([keys.recipient])));
    const accepted: string[] = [];
    let stop = false;
    const worker = async (n: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const response = await submit(envelope(ciphertexts[(n + i) % ciphertexts.length]!), { localAddress: '127.0.2.1' });
          if (response.status === 202) accepted.push((JSON.parse(response.body) as { id: string }).id);
        } catch {
          return; // The connection died with the relay.
        }
      }
    };
    const workers = Array.from({ length: 16 }, (_, n) => worker(n));
    while (accepted.length < 300) await new Promise((r) => setTimeout(r, 5));
    relay.child.kill('SIGKILL');
    stop = true;
    await Promise.all(workers);
    expect((await relay.exited).signal).toBe('SIGKILL');
    const answered = [...accepted];
    relay = await start(loadConfig);
    const stored = new Set(await waitingIds());
    expect(answered.filter((id) => !stored.has(id))).toEqual([]);
    expect(stored.size).toBeGreaterThanOrEqual(answered.length);
    await acknowledgeAll();
    await relay.stop();
    relay = await start();
  });

  it('SIGTERM: a request in flight finishes, new connections are refused, and it exits 0', async () => {
    const body = envelope(await ciphertextFor([keys.recipient]));
    const head = `POST /v1/mailboxes/${MAILBOX}/requests HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
    const { connect } = await import('node:net');
    const socket = connect({ host: '127.0.0.1', port, localAddress: client() });
    let response = '';
    socket.setEncoding('latin1').on('data', (d: string) => (response += d));
    const closed = new Promise<void>((r) => socket.on('close', () => r()));
    await new Promise<void>((r) => socket.on('connect', () => r()));
    socket.write(head + body.slice(0, 1000));
    // Let the relay receive the headers and start on the body.
    await new Promise((r) => setTimeout(r, 200));
    relay.child.kill('SIGTERM');
    await relay.waitForLog('"event":"stopping"');
    await expect(fetch(`${relay.url}/healthz`)).rejects.toThrow();
    socket.write(body.slice(1000));
    await closed;
    expect(statuses(response)).toEqual([202]);
    expect(response.toLowerCase()).toContain('connection: close');
    const { id } = JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4)) as { id: string };
    expect(await relay.exited).toEqual({ code: 0, signal: null });
    expect(relay.output.stdout).toContain('"event":"stopped"');
    relay = await start();
    expect(await waitingIds()).toEqual([id]);
    await acknowledgeAll();
  });
});

describe('vp-relay refuses to start on a bad configuration, with one clear line and exit 1', () => {
  async function expectStartFailure(name: string, content: unknown, expected: string | RegExp) {
    const file = writeConfig(join(temp.dir, `${name}.json`), content);
    const result = await runRelayCommand(['--config', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(expected);
    return result.stderr;
  }

  it('a bad field', async () => {
    const bad = config();
    bad.mailboxes[0]!.allowedOrigins = ['intranet.voorbeeld.example'];
    const stderr = await expectStartFailure('bad-field', bad, 'mailboxes[0].allowedOrigins[0] must be an origin');
    expect(stderr).toMatch(/^vp-relay: The configuration file .*bad-field\.json is not valid: /);
  });

  it('an expired key', async () => {
    const expired = await makeKeyPair({ date: new Date(Date.now() - 10 * 86_400_000), keyExpirationTime: 86_400 });
    writeFileSync(join(temp.dir, 'keys/expired.asc'), expired.publicKey);
    const bad = config();
    bad.mailboxes[0]!.publicKeys = ['keys/expired.asc'];
    await expectStartFailure('expired-key', bad, `mailbox "${MAILBOX}", key ${join(temp.dir, 'keys/expired.asc')}: The key ${expired.fingerprint.toUpperCase()} expired on`);
  });

  it('a card that is not signed by the mailbox’s key', async () => {
    writeFileSync(join(temp.dir, 'keys/other-card.asc'), await makeCard(other, cardPayload(other)));
    const bad = config();
    bad.mailboxes[0]!.cards = ['keys/card.asc', 'keys/other-card.asc'];
    await expectStartFailure(
      'foreign-card',
      bad,
      `mailboxes[0].cards[1]: mailbox "${MAILBOX}", card ${join(temp.dir, 'keys/other-card.asc')}: The card is not signed by the primary key of any of this mailbox's publicKeys`,
    );
  });

  it('a missing key file', async () => {
    const bad = config();
    bad.mailboxes[0]!.publicKeys = ['keys/nope.asc'];
    await expectStartFailure('missing-key', bad, `cannot read the key file ${join(temp.dir, 'keys/nope.asc')} for mailbox "${MAILBOX}" (there is no such file)`);
  });

  it('a missing configuration file, and a port already in use', async () => {
    const missing = await runRelayCommand(['--config', join(temp.dir, 'nope.json')]);
    expect([missing.code, missing.stderr]).toEqual([1, `vp-relay: Cannot read the configuration file ${join(temp.dir, 'nope.json')} (there is no such file).\n`]);
    const busy = await runRelayCommand([], { VP_RELAY_CONFIG: configFile });
    expect(busy.code).toBe(1);
    expect(busy.stderr).toBe(`vp-relay: Cannot listen on 127.0.0.1:${port}: the port is already in use. Stop the other program or choose another listen.port.\n`);
  });

  it('wrong usage exits 2; --help, --version and --check exit 0', async () => {
    expect(await runRelayCommand([])).toMatchObject({ code: 2, stderr: 'vp-relay: no configuration: use --config FILE or set VP_RELAY_CONFIG. See vp-relay --help.\n' });
    expect(await runRelayCommand(['--confg', 'x'])).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--confg'") as unknown });
    expect(await runRelayCommand(['serve'])).toMatchObject({ code: 2 });
    expect(await runRelayCommand(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: vp-relay --config FILE') as unknown });
    expect(await runRelayCommand(['--version'])).toMatchObject({ code: 0, stdout: '0.1.0\n' });
    const check = await runRelayCommand(['--check'], { VP_RELAY_CONFIG: configFile });
    expect(check).toMatchObject({ code: 0, stderr: '' });
    expect(check.stdout).toContain(`${MAILBOX}: key ${keys.fingerprint.toUpperCase()}`);
    expect(check.stdout).toContain(`${MAILBOX}: card ${join(temp.dir, 'keys/card.asc')}, valid until 20`);
    expect(check.stdout).not.toContain('warning');
  });

  it('--check and the start warn about an expired card and a mailbox without a valid one, and go on', async () => {
    const DAY = 86_400_000;
    const old = await makeKeys({ email: 'vp@voorbeeld.example', date: new Date(Date.now() - 400 * DAY) });
    const expiresAt = new Date(Date.now() - 5 * DAY).toISOString();
    writeFileSync(join(temp.dir, 'keys/old.asc'), old.publicKey);
    writeFileSync(join(temp.dir, 'keys/expired-card.asc'), await makeCard(old, cardPayload(old, { issuedAt: new Date(Date.now() - 95 * DAY).toISOString(), expiresAt })));
    const stale = config({ listen: { host: '127.0.0.1', port: 0 } });
    stale.mailboxes[0]!.publicKeys = ['keys/old.asc'];
    stale.mailboxes[0]!.cards = ['keys/expired-card.asc'];
    const file = writeConfig(join(temp.dir, 'expired-card.json'), stale);
    const check = await runRelayCommand(['--check', '--config', file]);
    expect(check).toMatchObject({ code: 0, stderr: '' });
    const warnings = check.stdout.split('\n').filter((line) => line.startsWith('warning: '));
    expect(warnings).toEqual([
      expect.stringContaining(`warning: mailbox "${MAILBOX}", card ${join(temp.dir, 'keys/expired-card.asc')}: The mailbox card expired on ${expiresAt}`),
      expect.stringMatching(new RegExp(`^warning: mailbox "${MAILBOX}": No mailbox card of this mailbox is valid now: widgets refuse to send to it .*vp-counsellor card`)),
    ]);
  });
});

describe('after the tests', () => {
  it('the log holds JSON lines with method, route, status and duration only: no address, agent, id, token or content', async () => {
    await submit(envelope(await ciphertextFor([keys.recipient])), { headers: { 'user-agent': 'MarkerAgent/1.0', 'x-forwarded-for': '198.51.100.7' } });
    await acknowledgeAll();
    await relay.stop();
    const lines = [...logs, ...relay.output.stdout.split('\n').filter(Boolean)];
    const requests = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => !('event' in l));
    expect(requests.length).toBeGreaterThan(50);
    for (const line of requests) {
      expect(Object.keys(line).sort()).toEqual(['method', 'ms', 'route', 'status']);
      expect(String(line.route)).toMatch(/^\/(\*|healthz|readyz|v1\/mailboxes\/:id(\/requests(\/:requestId)?)?)$/);
    }
    // Only the start lines name an address: the relay's own.
    for (const line of lines.filter((l) => l.includes('127.0.0.1'))) expect(line).toContain('"event":"listening"');
    expect(requests.map((l) => JSON.stringify(l)).join('\n')).not.toContain('127.0.');
    const all = lines.join('\n');
    for (const secret of ['127.0.1.', '127.0.2.', '198.51.100.7', 'MarkerAgent', PLAINTEXT_MARKER, token, 'BEGIN PGP', 'passwd', MAILBOX]) {
      expect(all).not.toContain(secret);
    }
    relay = await start();
  });

  it('a dump of the database holds no plaintext of any request, and nothing the relay refused', async () => {
    await relay.stop();
    const dump = dumpSqlite(join(temp.dir, 'data/relay.db'));
    expect(dump.length).toBeGreaterThan(0);
    expect(dump).not.toContain(PLAINTEXT_MARKER);
    expect(dump).not.toContain('Melder');
    for (const body of refused.filter((b) => b.length > 40)) {
      // A distinctive slice of each refused body (its armored lines, or the JSON itself).
      // (The first base64 line after the armor's empty line: armor headers may come before it.)
      const armored = body.includes('\\n\\n') ? /[A-Za-z0-9+/]{40,}/.exec(body.slice(body.indexOf('\\n\\n'))) : null;
      const slice = armored ? armored[0].slice(0, 40) : body.slice(0, 40);
      expect(dump).not.toContain(slice);
    }
  });
});

describe('the shared HTTP contract (@vp-contact/protocol/http)', () => {
  it('held for every answer over real HTTP above: receipts, request pages and errors', () => {
    expect(tally.receipts).toBeGreaterThan(0);
    expect(tally.pages).toBeGreaterThan(0);
    expect([...tally.errorCodes]).toEqual(expect.arrayContaining(['bad-json', 'bad-envelope', 'not-utf8', 'corrupt', 'unsupported-media-type', 'rate-limited']));
  });
});
