// Real provider keys made with openpgp.js. `type: 'ecc'` (curve25519 legacy), as vp-counsellor
// keygen makes them, so GnuPG 2.2 can import them; a test that needs another kind passes options.
import * as openpgp from 'openpgp';
import { readRecipientKey, type RecipientKey } from '@vp-contact/protocol';

export const PASSPHRASE = 'correct horse battery staple';

type KeyOptions = Parameters<typeof openpgp.generateKey>[0];

/** openpgp.js's key options, plus `email` for the user ID (ignored when `userIDs` is given). */
export type KeyPairOptions = Partial<KeyOptions> & { email?: string };

export interface KeyPair {
  privateKey: string;
  publicKey: string;
  revocationCertificate: string;
  /** Lower-case hex, as openpgp.js gives it. */
  fingerprint: string;
}

export interface Keys extends KeyPair {
  recipient: RecipientKey;
}

/**
 * A key pair, armored, protected by PASSPHRASE unless `passphrase` says otherwise
 * (`passphrase: undefined` makes an unprotected key).
 */
export async function makeKeyPair(options: KeyPairOptions = {}): Promise<KeyPair> {
  const { email = 'vp@voorbeeld.example', ...rest } = options;
  const { privateKey, publicKey, revocationCertificate } = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: 'Vertrouwenspersonen Voorbeeld', email }],
    passphrase: PASSPHRASE,
    format: 'armored',
    ...rest,
  } as KeyOptions & { format: 'armored' });
  const fingerprint = (await openpgp.readKey({ armoredKey: publicKey })).getFingerprint();
  return { privateKey, publicKey, revocationCertificate, fingerprint };
}

/** A key pair that can be encrypted to, with its RecipientKey (what the widget encrypts to). */
export async function makeKeys(options: KeyPairOptions = {}): Promise<Keys> {
  const pair = await makeKeyPair(options);
  return { ...pair, recipient: await readRecipientKey(pair.publicKey) };
}

/** The private key of `keys`, unlocked with `passphrase` (PASSPHRASE unless given). */
export async function unlocked(keys: Pick<KeyPair, 'privateKey'>, passphrase = PASSPHRASE): Promise<openpgp.PrivateKey> {
  return openpgp.decryptKey({ privateKey: await openpgp.readPrivateKey({ armoredKey: keys.privateKey }), passphrase });
}
