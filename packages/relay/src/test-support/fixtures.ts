// The relay's own test fixtures: crafted bad messages, a relay configuration with a real token,
// and a real SQLite store in a temporary folder. Keys, requests and cards come from
// @vp-contact/test-kit.
import * as openpgp from 'openpgp';
import { canonicalizeCiphertext, encryptRequest, hashToken, makeToken, type ContactRequestInput, type RecipientKey } from '@vp-contact/protocol';
import { MAILBOX, unlocked, validRequest, type Keys } from '@vp-contact/test-kit';
import type { ConfigInput } from '../config.js';
import { openStore } from '../store/open.js';
import type { RelayStore } from '../store/types.js';

export const ORIGIN = 'https://intranet.voorbeeld.example';

/**
 * Written into every request the tests send, encrypted or not: after the tests, none of these may
 * be found in the database files.
 */
export const PLAINTEXT_MARKER = 'PLAINTEXT-MARKER-7f3a';

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
    { name: 'plaintext (a literal data packet)', armored: message.armor(), code: 'plaintext' },
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

/** A real SQLite store in `dir`. */
export function sqliteStore(dir: string, file = 'relay.db'): Promise<RelayStore> {
  return openStore(`sqlite:${file}`, dir);
}
