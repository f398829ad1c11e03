// Shared by the relay's tests: real keys and ciphertext (openpgp.js, as the widget makes them),
// crafted bad messages, a relay configuration with a real token, and a real SQLite store in a
// temporary folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { encryptRequest, hashToken, makeToken, readRecipientKey, type ContactRequestInput, type RecipientKey } from '@vp-contact/protocol';
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

export async function makeKeys(email = 'vp@voorbeeld.example'): Promise<Keys> {
  const pair = await makeKeyPair({ userIDs: [{ name: 'Vertrouwenspersonen Voorbeeld', email }] });
  return { ...pair, recipient: await readRecipientKey(pair.publicKey) };
}

export async function unlocked(keys: Keys): Promise<openpgp.PrivateKey> {
  return openpgp.decryptKey({ privateKey: await openpgp.readPrivateKey({ armoredKey: keys.privateKey }), passphrase: PASSPHRASE });
}

/** A valid request with the marker in it, encrypted as the widget does. */
export async function ciphertextFor(recipients: readonly RecipientKey[], overrides: Partial<ContactRequestInput> = {}): Promise<string> {
  return encryptRequest(await validRequest({ name: `Melder ${PLAINTEXT_MARKER}`, message: `Bericht ${PLAINTEXT_MARKER}`, ...overrides }), recipients);
}

/** Armored OpenPGP messages that are not ciphertext for the mailbox, each with the expected 422 code. */
export async function badMessages(mailbox: Keys, other: Keys): Promise<{ name: string; armored: string; code: string }[]> {
  const text = `${PLAINTEXT_MARKER} Ik wil graag contact.`;
  const message = await openpgp.createMessage({ text });
  const valid = await ciphertextFor([mailbox.recipient]);
  const lines = valid.trimEnd().split('\n');
  return [
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
