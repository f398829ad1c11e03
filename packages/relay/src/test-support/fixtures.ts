// Shared by the relay's tests: real keys and ciphertext (openpgp.js, as the widget makes them),
// crafted bad messages, a relay configuration with a real token, and a real SQLite store in a
// temporary folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import {
  canonicalizeCiphertext,
  encryptRequest,
  hashToken,
  makeToken,
  readRecipientKey,
  signMailboxCard,
  type ContactRequestInput,
  type MailboxCardInput,
  type RecipientKey,
} from '@vp-contact/protocol';
import { makeKeyPair, PASSPHRASE, validRequest } from '../../../protocol/src/test-support/fixtures.js';
import type { ConfigInput } from '../config.js';
import { openStore } from '../store/open.js';
import type { RelayStore } from '../store/types.js';

export { armor, concat, packet, unarmor } from '../../../protocol/src/test-support/fixtures.js';
export { makeKeyPair, PASSPHRASE };

export const ORIGIN = 'https://intranet.voorbeeld.example';
export const MAILBOX = 'voorbeeld';

/**
 * Written into every request the tests send, encrypted or not: after the tests, none of these may
 * be found in the database files.
 */
export const PLAINTEXT_MARKER = 'PLAINTEXT-MARKER-7f3a';

export interface Keys {
  publicKey: string;
  privateKey: string;
  fingerprint: string;
  revocationCertificate: string;
  recipient: RecipientKey;
}

/** A provider key pair; `date` makes it as if created then (a card signed in the past needs a key that existed). */
export async function makeKeys(email = 'vp@voorbeeld.example', options: { date?: Date } = {}): Promise<Keys> {
  const pair = await makeKeyPair({ userIDs: [{ name: 'Vertrouwenspersonen Voorbeeld', email }], ...options });
  return { ...pair, recipient: await readRecipientKey(pair.publicKey) };
}

export async function unlocked(keys: Keys): Promise<openpgp.PrivateKey> {
  return openpgp.decryptKey({ privateKey: await openpgp.readPrivateKey({ armoredKey: keys.privateKey }), passphrase: PASSPHRASE });
}

/** A valid request with the marker in it, encrypted as the widget does. */
export async function ciphertextFor(recipients: readonly RecipientKey[], overrides: Partial<ContactRequestInput> = {}): Promise<string> {
  return encryptRequest(await validRequest({ name: `Melder ${PLAINTEXT_MARKER}`, message: `Bericht ${PLAINTEXT_MARKER}`, ...overrides }), recipients);
}

/** `armored` with its CRC line (openpgp.js writes one) replaced by `line`, or dropped when `line` is empty. */
export function withCrc(armored: string, line: string): string {
  const replaced = armored.replace(/\n=[A-Za-z0-9+/]{4}\n-----END/, line === '' ? '\n-----END' : `\n${line}\n-----END`);
  if (replaced === armored) throw new Error('withCrc: the message has no CRC line to replace');
  return replaced;
}

/** What the relay stores for a ciphertext it accepts for `keys`: its canonical form. */
export function canonicalFor(ciphertext: string, keys: readonly Keys[]): string {
  return canonicalizeCiphertext(ciphertext, { encryptionKeyIds: keys.flatMap((k) => k.recipient.encryptionKeyIds) }).armored;
}

/**
 * Ciphertext for the mailbox whose packets are fine but which is not in the one form the relay
 * stores, each with the expected 422 code: armor headers and text around the armor (free-form
 * channels a sender could fill), and encrypted data of a length the widget never makes.
 */
export async function notCanonicalMessages(mailbox: Keys): Promise<{ name: string; armored: string; code: string }[]> {
  const valid = await ciphertextFor([mailbox.recipient]);
  const [begin, ...rest] = valid.split('\n');
  const withHeader = (header: string) => [begin, header, ...rest].join('\n');
  return [
    { name: 'armor with a Version: header', armored: withHeader('Version: OpenPGP.js v6'), code: 'not-armored' },
    { name: 'armor with a Comment: header', armored: withHeader(`Comment: ${PLAINTEXT_MARKER}`), code: 'not-armored' },
    { name: 'text on the BEGIN line', armored: valid.replace('-----BEGIN PGP MESSAGE-----', `-----BEGIN PGP MESSAGE----- ${PLAINTEXT_MARKER}`), code: 'not-armored' },
    { name: 'text after the END line', armored: `${valid}${PLAINTEXT_MARKER}\n`, code: 'trailing-data' },
    {
      // openpgp.js directly, as a sender that skips the widget's padding would: its length tells more than the bucket.
      name: 'a request encrypted without the padding (not-padded)',
      armored: await openpgp.encrypt({
        message: await openpgp.createMessage({ text: JSON.stringify(await validRequest({ name: `Melder ${PLAINTEXT_MARKER}` })) }),
        encryptionKeys: mailbox.recipient.key,
        format: 'armored',
      }),
      code: 'not-padded',
    },
    { name: 'a CRC line that is not = and four base64 characters', armored: withCrc(valid, '=AB'), code: 'corrupt' },
  ];
}

/** Armored OpenPGP messages that are not ciphertext for the mailbox, each with the expected 422 code. */
export async function badMessages(mailbox: Keys, other: Keys): Promise<{ name: string; armored: string; code: string }[]> {
  const text = `${PLAINTEXT_MARKER} Ik wil graag contact.`;
  const message = await openpgp.createMessage({ text });
  const valid = await ciphertextFor([mailbox.recipient]);
  const lines = valid.trimEnd().split('\n');
  return [
    ...(await notCanonicalMessages(mailbox)),
    { name: 'plaintext (a literal data packet)', armored: await message.armor(), code: 'plaintext' },
    {
      name: 'a signed-only message',
      armored: await openpgp.sign({ message, signingKeys: await unlocked(mailbox), format: 'armored' }),
      code: 'signed-only',
    },
    { name: 'a message encrypted to another key', armored: await ciphertextFor([other.recipient]), code: 'wrong-recipient' },
    {
      name: 'a message encrypted to the mailbox and another key',
      armored: await ciphertextFor([mailbox.recipient, other.recipient]),
      code: 'wrong-recipient',
    },
    {
      name: 'a password-encrypted message',
      armored: await openpgp.encrypt({ message, passwords: ['geheim wachtwoord'], format: 'armored' }),
      code: 'password-encrypted',
    },
    {
      name: 'an anonymous-recipient (wildcard) message',
      armored: await openpgp.encrypt({ message, encryptionKeys: mailbox.recipient.key, wildcard: true, format: 'armored' }),
      code: 'wrong-recipient',
    },
    {
      name: 'truncated armor (no END line)',
      armored: lines.slice(0, Math.floor(lines.length / 2)).join('\n'),
      code: 'truncated',
    },
    {
      name: 'armor with a character that is not base64',
      armored: [...lines.slice(0, 3), `*${lines[3]!.slice(1)}`, ...lines.slice(4)].join('\n'),
      code: 'corrupt',
    },
    {
      name: 'a message with text after its END line',
      armored: `${valid}\n${text}\n`,
      code: 'trailing-data',
    },
  ];
}

export interface TestConfig {
  input: ConfigInput & { mailboxes: ConfigInput['mailboxes'] };
  token: string;
}

/** A configuration with one mailbox for `keys`, its token, and the given overrides. */
export async function testConfig(keys: readonly Keys[], overrides: Partial<ConfigInput> = {}): Promise<TestConfig> {
  const token = makeToken();
  return {
    token,
    input: {
      mailboxes: [
        {
          id: MAILBOX,
          displayName: 'Vertrouwenspersonen Voorbeeld',
          contact: { phone: '+31 20 000 0000', email: 'vp@voorbeeld.example' },
          publicKeys: keys.map((k) => k.publicKey),
          allowedOrigins: [ORIGIN],
          counsellorTokenHashes: [await hashToken(token)],
        },
      ],
      ...overrides,
    },
  };
}

/** A temporary folder, removed by the returned function. */
export function tempDir(prefix = 'vp-relay-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A real SQLite store in `dir`. */
export function sqliteStore(dir: string, file = 'relay.db'): Promise<RelayStore> {
  return openStore(`sqlite:${file}`, dir);
}

const DAY_MS = 86_400_000;

/** A mailbox card payload for `keys` and MAILBOX, valid from a day ago for 90 days, naming the key's encryption subkey. */
export function cardPayload(keys: Keys, overrides: Partial<MailboxCardInput> = {}, now = new Date()): MailboxCardInput {
  return {
    version: 1,
    mailbox: MAILBOX,
    displayName: 'Vertrouwenspersonen Voorbeeld',
    contact: { phone: '+31 20 000 0000', email: 'vp@voorbeeld.example' },
    responseHours: 48,
    encryptionKeys: keys.recipient.key.getSubkeys().map((subkey) => subkey.getFingerprint()),
    issuedAt: new Date(now.getTime() - DAY_MS).toISOString(),
    expiresAt: new Date(now.getTime() + 89 * DAY_MS).toISOString(),
    ...overrides,
  };
}

/**
 * A mailbox card signed with the primary key of `keys` at `date`, as vp-counsellor card makes it.
 * By default it is signed now, or at its issuedAt when it has already expired (signMailboxCard
 * checks that what it made is valid at its date; the key must exist then: see makeKeys' date).
 * `raw` signs with openpgp.js directly, past signMailboxCard's own checks: what a careless tool or
 * a forger could make.
 */
export async function makeCard(keys: Keys, payload: MailboxCardInput | unknown, options: { date?: Date; raw?: boolean } = {}): Promise<string> {
  const { issuedAt, expiresAt } = payload as { issuedAt?: unknown; expiresAt?: unknown };
  const expired = typeof issuedAt === 'string' && typeof expiresAt === 'string' && Date.parse(expiresAt) <= Date.now();
  const date = options.date ?? (expired ? new Date(issuedAt) : new Date());
  const key = await unlocked(keys);
  if (!options.raw) return signMailboxCard(payload as MailboxCardInput, key, { date });
  return openpgp.sign({
    message: await openpgp.createMessage({ binary: new TextEncoder().encode(JSON.stringify(payload)), format: 'binary', date }),
    signingKeys: key,
    signingKeyIDs: key.getKeyID(),
    date,
    format: 'armored',
  });
}
