/**
 * Makes the provider's OpenPGP key: openpgp.js type 'ecc' (curve25519 legacy), which GnuPG 2.2
 * can import and use too, protected by a passphrase. Writes private.asc (mode 0600),
 * public.asc and revocation.asc into a folder, and never overwrites a key that is there.
 */
import { constants } from 'node:fs';
import { access, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as openpgp from 'openpgp';
import { normalizeFingerprint } from '@vp-contact/protocol';
import { CounsellorError } from './errors.js';

export const MIN_PASSPHRASE_LENGTH = 12;

export interface KeygenOptions {
  readonly name: string;
  readonly email: string;
  readonly passphrase: string;
  /** The folder to write to; made (readable by this user only) when missing. */
  readonly dir: string;
}

export interface KeygenResult {
  /** Lower-case hex, no spaces: the form the widget's fingerprints attribute takes. */
  readonly fingerprint: string;
  readonly privateKeyFile: string;
  readonly publicKeyFile: string;
  readonly revocationFile: string;
  readonly publicKey: string;
}

export const KEY_FILES = { private: 'private.asc', public: 'public.asc', revocation: 'revocation.asc' } as const;

export async function generateProviderKey(options: KeygenOptions): Promise<KeygenResult> {
  if (options.passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new CounsellorError(
      'passphrase-too-short',
      `The passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters; a few unrelated words work well.`,
      { data: { min: MIN_PASSPHRASE_LENGTH } },
    );
  }
  const dir = resolve(options.dir);
  const files = {
    private: join(dir, KEY_FILES.private),
    public: join(dir, KEY_FILES.public),
    revocation: join(dir, KEY_FILES.revocation),
  };
  for (const file of Object.values(files)) {
    const exists = await access(file, constants.F_OK).then(
      () => true,
      () => false,
    );
    if (exists) {
      throw new CounsellorError('key-exists', `${file} already exists; a key is never overwritten. Choose another folder with --out.`, { data: { file, kind: 'key' } });
    }
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const { privateKey, publicKey, revocationCertificate } = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: options.name, email: options.email }],
    passphrase: options.passphrase,
    format: 'armored',
  });
  const fingerprint = normalizeFingerprint((await openpgp.readKey({ armoredKey: publicKey })).getFingerprint());
  // 'wx' fails if another process made the file in the meantime: still never an overwrite.
  await writeFile(files.private, privateKey, { flag: 'wx', mode: 0o600 });
  await writeFile(files.revocation, revocationCertificate, { flag: 'wx', mode: 0o600 });
  await writeFile(files.public, publicKey, { flag: 'wx', mode: 0o644 });
  return { fingerprint, privateKeyFile: files.private, publicKeyFile: files.public, revocationFile: files.revocation, publicKey };
}
