// The configuration: defaults, keys inline and from files, and every kind of mistake stopping
// with a message that names the field (or mailbox and key) and what is wrong.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from './errors.js';
import { loadConfig, resolveConfig, type ConfigInput } from './config.js';
import { cardPayload, makeCard, makeKeyPair, makeKeys, MAILBOX, tempDir, unlocked, type Keys } from '@vp-contact/test-kit';
import { ORIGIN, testConfig } from './test-support/fixtures.js';

let keys: Keys;
const temp = tempDir();

beforeAll(async () => {
  keys = await makeKeys();
});
afterAll(() => temp.remove());

function writeConfig(name: string, config: unknown): string {
  const file = join(temp.dir, name);
  writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  return file;
}

async function configError(input: unknown): Promise<string> {
  const error = await resolveConfig(input, temp.dir).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as Error).message;
}

/** The test mailbox with some fields replaced. */
async function withMailbox(fields: Record<string, unknown>, top: Partial<ConfigInput> = {}): Promise<unknown> {
  const { input } = await testConfig([keys], top);
  return { ...input, mailboxes: [{ ...input.mailboxes[0], ...fields }] };
}

describe('loadConfig', () => {
  it('fills in the defaults and reads an inline key', async () => {
    const { input } = await testConfig([keys]);
    const config = await loadConfig(writeConfig('minimal.json', input));
    expect(config.listen).toEqual({ host: '127.0.0.1', port: 8787 });
    expect(config.database).toBe('sqlite:./data/relay.db');
    expect(config.baseDir).toBe(temp.dir);
    expect(config.trustProxy).toBe(false);
    expect(config.limits).toEqual({ postsPerMinute: 60, failedTokensPerMinute: 10 });
    const [mailbox] = config.mailboxes;
    expect(mailbox).toMatchObject({ id: MAILBOX, responseHours: 48, retentionDays: 30, allowedOrigins: [ORIGIN] });
    expect(mailbox!.keys).toHaveLength(1);
    expect(mailbox!.keys[0]!.fingerprint).toBe(keys.fingerprint.toUpperCase());
    expect(mailbox!.keys[0]!.encryptionKeyIds).toEqual(keys.recipient.encryptionKeyIds);
    expect(mailbox!.keys[0]!.armored).toContain('-----BEGIN PGP PUBLIC KEY BLOCK-----');
  });

  it('reads key files relative to the configuration file, as the demo writes them', async () => {
    const other = await makeKeys({ email: 'collega@voorbeeld.example' });
    mkdirSync(join(temp.dir, 'demo/key'), { recursive: true });
    writeFileSync(join(temp.dir, 'demo/key/public.asc'), keys.publicKey);
    writeFileSync(join(temp.dir, 'demo/colleague.asc'), other.publicKey);
    const file = join(temp.dir, 'demo/relay.json');
    writeFileSync(file, JSON.stringify(await withMailbox({ publicKeys: ['key/public.asc', './colleague.asc'] }, { database: 'sqlite:./relay.db' })));
    const config = await loadConfig(file);
    expect(config.baseDir).toBe(join(temp.dir, 'demo'));
    expect(config.mailboxes[0]!.keys.map((k) => k.fingerprint)).toEqual([keys.fingerprint, other.fingerprint].map((f) => f.toUpperCase()));
    expect(config.mailboxes[0]!.keys[0]!.source).toBe(join(temp.dir, 'demo/key/public.asc'));
  });

  it('takes every setting it documents', async () => {
    const config = await resolveConfig(
      await withMailbox(
        { responseHours: 24, retentionDays: 14, counsellorTokenHashes: [`SHA256:${'AB'.repeat(32)}`], contact: { email: 'vp@voorbeeld.example' } },
        { listen: { host: '0.0.0.0', port: 9000 }, database: 'postgres://relay@db.voorbeeld.example/relay', trustProxy: true, limits: { postsPerMinute: 100000 } },
      ),
      temp.dir,
    );
    expect(config.listen).toEqual({ host: '0.0.0.0', port: 9000 });
    expect(config.database).toBe('postgres://relay@db.voorbeeld.example/relay');
    expect(config.trustProxy).toBe(true);
    expect(config.limits).toEqual({ postsPerMinute: 100000, failedTokensPerMinute: 10 });
    expect(config.mailboxes[0]).toMatchObject({ responseHours: 24, retentionDays: 14, counsellorTokenHashes: [`sha256:${'ab'.repeat(32)}`] });
  });

  it('stops on a missing file or broken JSON, naming the file', async () => {
    await expect(loadConfig(join(temp.dir, 'nope.json'))).rejects.toThrow(`Cannot read the configuration file ${join(temp.dir, 'nope.json')} (there is no such file).`);
    const broken = writeConfig('broken.json', '{"mailboxes": [');
    await expect(loadConfig(broken)).rejects.toThrow(new RegExp(`^The configuration file ${broken} is not valid JSON: `));
    await expect(loadConfig(writeConfig('array.json', '[]'))).rejects.toThrow('it must be a JSON object');
  });
});

describe('a configuration mistake names the field and what is wrong', () => {
  const cases: [string, () => Promise<unknown>, string][] = [
    ['no mailboxes', () => Promise.resolve({}), 'mailboxes is missing'],
    ['an empty list of mailboxes', () => Promise.resolve({ mailboxes: [] }), 'mailboxes must list at least one mailbox'],
    ['a misspelt setting', async () => ({ ...((await testConfig([keys])).input as object), trustProxys: true }), 'trustProxys is not a setting the relay knows (check the spelling)'],
    ['a misspelt mailbox setting', () => withMailbox({ allowedOrigin: [ORIGIN] }), 'mailboxes[0].allowedOrigin is not a setting the relay knows'],
    ['a bad mailbox id', () => withMailbox({ id: 'Voorbeeld B.V.' }), 'mailboxes[0].id must be 1 to 64 lower-case letters, digits and dashes'],
    ['a missing display name', () => withMailbox({ displayName: undefined }), 'mailboxes[0].displayName is missing'],
    ['contact without phone or e-mail', () => withMailbox({ contact: {} }), 'mailboxes[0].contact needs a phone number or an e-mail address'],
    ['a bad e-mail address', () => withMailbox({ contact: { email: 'vp at voorbeeld' } }), 'mailboxes[0].contact.email must look like an e-mail address'],
    ['no keys', () => withMailbox({ publicKeys: [] }), 'mailboxes[0].publicKeys must list at least one public key'],
    ['an origin with a path', () => withMailbox({ allowedOrigins: [`${ORIGIN}/`] }), 'mailboxes[0].allowedOrigins[0] must be an origin such as https://intranet.voorbeeld.example'],
    ['a token instead of its hash', () => withMailbox({ counsellorTokenHashes: ['vpt_abc'] }), 'mailboxes[0].counsellorTokenHashes[0] must be sha256:<64 hex digits>, as printed by vp-counsellor token'],
    ['a port out of range', async () => ({ ...((await testConfig([keys], { listen: { port: 70000 } })).input as object) }), 'listen.port must be at most 65535'],
    ['a port as text', async () => ({ ...((await testConfig([keys])).input as object), listen: { port: '8787' } }), 'listen.port must be a number'],
    ['an unknown database', async () => (await testConfig([keys], { database: 'mysql://x' })).input, 'database must be sqlite:PATH'],
    ['a zero limit', async () => (await testConfig([keys], { limits: { postsPerMinute: 0 } })).input, 'limits.postsPerMinute must be at least 1'],
    ['a display name with a bidi override', () => withMailbox({ displayName: 'Vertrouwens\u202epersonen' }), 'mailboxes[0].displayName must not contain control characters or characters that change the reading direction'],
    ['cards that are not a list', () => withMailbox({ cards: 'keys/card.asc' }), 'mailboxes[0].cards must be a list of file paths'],
    ['an empty card path', () => withMailbox({ cards: [''] }), 'mailboxes[0].cards[0] must not be empty'],
    ['more than 8 cards', () => withMailbox({ cards: Array.from({ length: 9 }, (_, i) => `card-${i}.asc`) }), 'mailboxes[0].cards must list at most 8 cards'],
    ['a fractional retention', () => withMailbox({ retentionDays: 1.5 }), 'mailboxes[0].retentionDays must be a whole number'],
    [
      'two mailboxes with one id',
      async () => {
        const { input } = await testConfig([keys]);
        return { mailboxes: [input.mailboxes[0], input.mailboxes[0]] };
      },
      'mailboxes must not use the same id twice',
    ],
  ];
  for (const [name, input, expected] of cases) {
    it(name, async () => {
      const message = await configError(await input());
      expect(message).toMatch(/^The configuration is not valid: /);
      expect(message).toContain(expected);
    });
  }
});

describe('a key that cannot be used stops the start, naming the mailbox and the key', () => {
  it('an expired key', async () => {
    const expired = await makeKeyPair({ date: new Date(Date.now() - 10 * 86_400_000), keyExpirationTime: 86_400 });
    const message = await configError(await withMailbox({ publicKeys: [keys.publicKey, expired.publicKey] }));
    expect(message).toContain(`mailboxes[0].publicKeys[1]: mailbox "${MAILBOX}", key inline key 2: The key ${expired.fingerprint.toUpperCase()} expired on`);
    expect(message).toContain('Make a new key (vp-counsellor keygen)');
  });

  it('a revoked key, from a file', async () => {
    const pair = await makeKeyPair();
    const { publicKey } = await openpgp.revokeKey({
      key: await openpgp.readKey({ armoredKey: pair.publicKey }),
      revocationCertificate: pair.revocationCertificate,
      format: 'armored',
    });
    writeFileSync(join(temp.dir, 'revoked.asc'), publicKey);
    const message = await configError(await withMailbox({ publicKeys: ['revoked.asc'] }));
    expect(message).toBe(
      `mailboxes[0].publicKeys[0]: mailbox "${MAILBOX}", key ${join(temp.dir, 'revoked.asc')}: The key ${pair.fingerprint.toUpperCase()} has been revoked. Make a new key (vp-counsellor keygen), or remove this one from the mailbox.`,
    );
  });

  it('a key that cannot encrypt', async () => {
    const signOnly = await makeKeyPair({ subkeys: [] });
    expect(await configError(await withMailbox({ publicKeys: [signOnly.publicKey] }))).toContain('has no valid (sub)key that can encrypt');
  });

  it('a private key', async () => {
    expect(await configError(await withMailbox({ publicKeys: [keys.privateKey] }))).toContain(
      'This is a private key; only the public key may be shared. Put the public key (public.asc) in the relay configuration, never the private key.',
    );
  });

  it('a missing key file', async () => {
    expect(await configError(await withMailbox({ publicKeys: ['keys/missing.asc'] }))).toBe(
      `mailboxes[0].publicKeys[0]: cannot read the key file ${join(temp.dir, 'keys/missing.asc')} for mailbox "${MAILBOX}" (there is no such file). Paths are relative to the configuration file's folder.`,
    );
  });

  it('a file that holds no key', async () => {
    writeFileSync(join(temp.dir, 'notes.txt'), 'the key is on the USB stick');
    expect(await configError(await withMailbox({ publicKeys: ['notes.txt'] }))).toContain('The key could not be read');
  });
});

describe('mailbox cards', () => {
  /** A signed message in armor, as a mailbox card is. */
  async function signedCard(text: string): Promise<string> {
    return openpgp.sign({ message: await openpgp.createMessage({ text }), signingKeys: await unlocked(keys), format: 'armored' });
  }

  it('are none by default', async () => {
    const config = await resolveConfig((await testConfig([keys])).input, temp.dir);
    expect(config.mailboxes[0]!.cards).toEqual([]);
  });

  // Were signed texts that are not cards ('{"version":1,"mailbox":"voorbeeld"}'): since cards are
  // verified at load (issue #10.5), only real cards pass.
  it('are read relative to the configuration file and kept byte for byte, in their order', async () => {
    mkdirSync(join(temp.dir, 'cards'), { recursive: true });
    const first = await makeCard(keys, cardPayload(keys));
    const second = `${await makeCard(keys, cardPayload(keys, { responseHours: 24 }))}\n`;
    writeFileSync(join(temp.dir, 'cards/card-1.asc'), first);
    writeFileSync(join(temp.dir, 'cards/card-2.asc'), second);
    const file = writeConfig('with-cards.json', await withMailbox({ cards: ['cards/card-2.asc', 'cards/card-1.asc'] }));
    const config = await loadConfig(file);
    expect(config.mailboxes[0]!.cards).toEqual([second, first]);
  });

  const card = (name: string) => join(temp.dir, name);
  const cases: [string, () => Promise<string | Buffer>, string][] = [
    ['a clear-signed text', async () => openpgp.sign({ message: await openpgp.createCleartextMessage({ text: 'kaart' }), signingKeys: await unlocked(keys) }), 'This is a clear-signed text'],
    ['a public key', () => Promise.resolve(keys.publicKey), 'This is a public key; keys belong in publicKeys.'],
    ['a text file', () => Promise.resolve('de kaart komt later'), 'the file must hold one ASCII-armored OpenPGP signed message'],
    ['armor without its end line', async () => (await signedCard('kaart')).trimEnd().split('\n').slice(0, -1).join('\n'), 'from -----BEGIN PGP MESSAGE----- to -----END PGP MESSAGE-----'],
    ['text after the end line', async () => `${await signedCard('kaart')}\nen nog iets`, 'the file must hold one ASCII-armored OpenPGP signed message'],
    ['a file over 16 KiB', () => Promise.resolve(`-----BEGIN PGP MESSAGE-----\n\n${'A'.repeat(17_000)}\n-----END PGP MESSAGE-----\n`), 'a mailbox card is at most 16384 bytes (16 KiB)'],
    ['a byte that is not ASCII', async () => (await signedCard('kaart')).replace('\n\n', '\nComment: caf\u00e9\n\n'), 'the file must hold one ASCII-armored OpenPGP signed message'],
  ];
  for (const [name, content, expected] of cases) {
    it(`stop the start on ${name}, naming the mailbox, the field and the file`, async () => {
      const fileName = `card-${name.replace(/\W+/g, '-')}.asc`;
      writeFileSync(card(fileName), await content());
      const message = await configError(await withMailbox({ cards: [fileName] }));
      expect(message).toMatch(new RegExp(`^mailboxes\\[0\\]\\.cards\\[0\\]: mailbox "${MAILBOX}", card ${card(fileName).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
      expect(message).toContain(expected);
    });
  }

  it('stop the start on a missing card file, naming it', async () => {
    expect(await configError(await withMailbox({ cards: ['keys/card.asc'] }))).toBe(
      `mailboxes[0].cards[0]: cannot read the card file ${join(temp.dir, 'keys/card.asc')} for mailbox "${MAILBOX}" (there is no such file). Paths are relative to the configuration file's folder.`,
    );
  });
});

describe('mailbox cards are verified at load against the mailbox’s keys (issue #10.5)', () => {
  const DAY = 86_400_000;
  const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();
  /** Made 400 days ago, so it can sign cards that were issued (and have expired) in the past. */
  let old: Keys;
  let other: Keys;
  beforeAll(async () => {
    [old, other] = await Promise.all([makeKeys({ email: 'vp@voorbeeld.example', date: new Date(Date.now() - 400 * DAY) }), makeKeys({ email: 'collega@ander.example' })]);
    mkdirSync(join(temp.dir, 'checked'), { recursive: true });
  });

  /** Writes the cards to files and resolves a configuration of one mailbox with `mailboxKeys` and those cards. */
  async function withCards(mailboxKeys: Keys[], cards: string[]) {
    const names = cards.map((armored, i) => {
      const name = `checked/card-${Math.random().toString(36).slice(2)}-${i}.asc`;
      writeFileSync(join(temp.dir, name), armored);
      return name;
    });
    const { input } = await testConfig(mailboxKeys);
    return { files: names.map((name) => join(temp.dir, name)), input: { ...input, mailboxes: [{ ...input.mailboxes[0]!, cards: names }] } };
  }

  it('a valid card: no warning, and --check can say until when', async () => {
    const payload = cardPayload(keys);
    const { input, files } = await withCards([keys], [await makeCard(keys, payload)]);
    const config = await resolveConfig(input, temp.dir);
    expect(config.warnings).toEqual([]);
    expect(config.mailboxes[0]!.cardChecks).toEqual([{ source: files[0], validUntil: payload.expiresAt }]);
  });

  it('a card by the second of the mailbox’s keys is valid', async () => {
    const { input } = await withCards([keys, other], [await makeCard(other, cardPayload(other))]);
    expect((await resolveConfig(input, temp.dir)).warnings).toEqual([]);
  });

  const fatal: [string, () => Promise<string>, string][] = [
    [
      'a card signed by a key that is not the mailbox’s',
      async () => makeCard(other, cardPayload(other)),
      "The card is not signed by the primary key of any of this mailbox's publicKeys",
    ],
    ['a card for another mailbox', async () => makeCard(keys, cardPayload(keys, { mailbox: 'ander-bedrijf' })), 'The mailbox card is for another mailbox.'],
    [
      'a signed message that is not a card',
      async () => openpgp.sign({ message: await openpgp.createMessage({ text: 'de kaart komt later' }), signingKeys: await unlocked(keys), format: 'armored' }),
      'The mailbox card does not hold JSON text.',
    ],
    ['a signed JSON object that breaks the card schema', async () => makeCard(keys, { version: 1, mailbox: MAILBOX }, { raw: true }), 'The mailbox card is not valid: '],
  ];
  for (const [name, make, expected] of fatal) {
    it(`${name} stops the start, naming the mailbox, the field and the file`, async () => {
      const { input, files } = await withCards([keys], [await makeCard(keys, cardPayload(keys)), await make()]);
      const message = await configError(input);
      expect(message).toMatch(/^mailboxes\[0\]\.cards\[1\]: /);
      expect(message).toContain(`mailbox "${MAILBOX}", card ${files[1]}: `);
      expect(message).toContain(expected);
      expect(message).toContain('Make a new card with vp-counsellor card, or remove this one');
      expect(message.split('\n')).toHaveLength(1);
    });
  }

  it('a card naming a subkey the key lacks (as the old card does after a rotation): the start goes on, with a warning', async () => {
    const stale = await makeCard(keys, cardPayload(keys, { encryptionKeys: [other.recipient.key.getSubkeys()[0]!.getFingerprint()] }), { raw: true });
    const { input, files } = await withCards([keys], [await makeCard(keys, cardPayload(keys)), stale]);
    const config = await resolveConfig(input, temp.dir);
    expect(config.mailboxes[0]!.cardChecks[1]).toEqual({ source: files[1], validUntil: null });
    expect(config.warnings).toEqual([
      { event: 'card-key-unusable', mailbox: MAILBOX, card: files[1], message: expect.stringContaining('which is not part of the pinned key as served') as unknown },
    ]);
    expect(config.warnings[0]!.message).toContain('After a subkey rotation that is expected of the old card: remove it');
  });

  it('an expired card: the start goes on, with a warning naming the mailbox, the card and the date; and none is valid', async () => {
    const expiresAt = inDays(-10);
    const { input, files } = await withCards([old], [await makeCard(old, cardPayload(old, { issuedAt: inDays(-100), expiresAt }))]);
    const config = await resolveConfig(input, temp.dir);
    expect(config.mailboxes[0]!.cardChecks).toEqual([{ source: files[0], validUntil: null }]);
    expect(config.warnings).toEqual([
      { event: 'card-expired', mailbox: MAILBOX, card: files[0], message: expect.stringContaining(`expired on ${expiresAt}`) as unknown },
      { event: 'no-valid-card', mailbox: MAILBOX, message: expect.stringContaining('No mailbox card of this mailbox is valid now: widgets refuse to send to it') as unknown },
    ]);
    expect(config.warnings[1]!.message).toContain('Make a new card with vp-counsellor card');
  });

  it('a card that expires within 30 days: a warning with the date; not when another valid card lasts longer', async () => {
    const soon = cardPayload(old, { issuedAt: inDays(-60), expiresAt: inDays(10) });
    const soonCard = await makeCard(old, soon);
    const alone = await withCards([old], [soonCard]);
    expect((await resolveConfig(alone.input, temp.dir)).warnings).toEqual([
      {
        event: 'card-expires-soon',
        mailbox: MAILBOX,
        card: alone.files[0],
        expiresAt: soon.expiresAt,
        message: expect.stringContaining(`The last valid mailbox card of this mailbox expires on ${soon.expiresAt}.`) as unknown,
      },
    ]);
    // Widgets fall back to the card that lasts longer: nothing to warn about.
    const both = await withCards([old], [soonCard, await makeCard(old, cardPayload(old, { issuedAt: inDays(-61), expiresAt: inDays(60) }))]);
    expect((await resolveConfig(both.input, temp.dir)).warnings).toEqual([]);
    // An expired card beside a valid one: only that one is warned about.
    const stale = await withCards([old], [await makeCard(old, cardPayload(old, { issuedAt: inDays(-100), expiresAt: inDays(-1) })), await makeCard(old, cardPayload(old))]);
    expect((await resolveConfig(stale.input, temp.dir)).warnings.map((w) => [w.event, w.card])).toEqual([['card-expired', stale.files[0]]]);
  });

  it('a card issued in the future: a warning, and until then no valid card', async () => {
    const { input, files } = await withCards([keys], [await makeCard(keys, cardPayload(keys, { issuedAt: inDays(2), expiresAt: inDays(90) }), { raw: true, date: new Date() })]);
    const config = await resolveConfig(input, temp.dir);
    expect(config.warnings.map((w) => [w.event, w.card])).toEqual([
      ['card-not-yet-valid', files[0]],
      ['no-valid-card', undefined],
    ]);
  });

  it('a mailbox without cards: the same warning as with no valid card', async () => {
    const config = await resolveConfig((await testConfig([keys])).input, temp.dir);
    expect(config.warnings).toEqual([
      { event: 'no-valid-card', mailbox: MAILBOX, message: expect.stringMatching(/^This mailbox has no mailbox card: widgets refuse to send to it .*vp-counsellor card/) as unknown },
    ]);
  });

  it('checks at the time it is given', async () => {
    const payload = cardPayload(keys);
    const { input } = await withCards([keys], [await makeCard(keys, payload)]);
    const later = new Date(Date.parse(payload.expiresAt) + DAY);
    expect((await resolveConfig(input, temp.dir, 'The configuration', { now: later })).warnings.map((w) => w.event)).toEqual(['card-expired', 'no-valid-card']);
  });
});
