/**
 * Replacing the encryption subkey in one step, for providers without GnuPG: what the guide's
 * section 5 does with gpg (add a subkey, revoke the old ones, export the public key, the updated
 * primary key and a laptop copy with only the new subkey). The primary key, and so the
 * fingerprint in every embed code, stays the same.
 */
import { constants } from 'node:fs';
import { access, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as openpgp from 'openpgp';
import { normalizeFingerprint } from '@vp-contact/protocol';
import { usableEncryptionKeys } from './card.js';
import { CounsellorError } from './errors.js';

export const ROTATE_FILES = {
  private: 'private.asc',
  public: 'public.asc',
  laptop: 'laptop-key.asc',
  transition: 'transition-key.asc',
} as const;

export type RevocationReason = 'superseded' | 'compromised';

export interface RotateOptions {
  /** The provider's private key, unlocked, with the primary key's secret. */
  readonly privateKey: openpgp.PrivateKey;
  /** The passphrase the written private key files are locked with (the key's own); none for an unprotected key. */
  readonly passphrase: string | undefined;
  /** The folder to write to; made when missing; no file in it is ever overwritten. */
  readonly dir: string;
  readonly reason: RevocationReason;
  /** How long the new subkey is valid, in years. */
  readonly validYears: number;
  readonly date?: Date;
}

export interface RotateResult {
  readonly primary: string;
  readonly newSubkey: string;
  readonly revoked: readonly string[];
  readonly files: { readonly private: string; readonly public: string; readonly laptop: string; readonly transition: string | null };
}

const FLAGS: Record<RevocationReason, openpgp.enums.reasonForRevocation> = {
  superseded: openpgp.enums.reasonForRevocation.keySuperseded,
  compromised: openpgp.enums.reasonForRevocation.keyCompromised,
};

/** A copy of `key` that holds the secrets of only the subkeys in `keep`: no primary secret. */
async function subkeysOnly(key: openpgp.PrivateKey, keep: readonly string[], passphrase: string | undefined): Promise<string> {
  const copy = await openpgp.readPrivateKey({ binaryKey: key.write() });
  (copy.keyPacket as openpgp.SecretKeyPacket).makeDummy();
  copy.subkeys = copy.subkeys.filter((subkey) => keep.includes(normalizeFingerprint(subkey.getFingerprint())));
  return locked(copy, passphrase);
}

async function locked(key: openpgp.PrivateKey, passphrase: string | undefined): Promise<string> {
  return passphrase === undefined ? key.armor() : (await openpgp.encryptKey({ privateKey: key, passphrase })).armor();
}

export async function rotateEncryptionSubkey(options: RotateOptions): Promise<RotateResult> {
  const date = options.date ?? new Date();
  let key = options.privateKey;
  const primary = normalizeFingerprint(key.getFingerprint());
  if ((key.keyPacket as openpgp.SecretKeyPacket).isDummy()) {
    throw new CounsellorError('rotate-refused', 'This key file holds no secret of the primary key (only subkeys, as a counsellor\'s laptop has); only the primary key can change subkeys.', {
      data: { problem: 'no-primary-secret' },
    });
  }
  try {
    await key.getSigningKey(key.getKeyID(), date);
  } catch (cause) {
    throw new CounsellorError('rotate-refused', 'The primary key is revoked or expired: it cannot take a new subkey. Make a new key instead (see the guide).', {
      cause,
      data: { problem: 'primary-unusable' },
    });
  }
  const dir = resolve(options.dir);
  const files = {
    private: join(dir, ROTATE_FILES.private),
    public: join(dir, ROTATE_FILES.public),
    laptop: join(dir, ROTATE_FILES.laptop),
    transition: join(dir, ROTATE_FILES.transition),
  };
  for (const file of Object.values(files)) {
    const exists = await access(file, constants.F_OK).then(() => true, () => false);
    if (exists) throw new CounsellorError('key-exists', `${file} already exists; a key is never overwritten. Choose another folder with --out.`, { data: { file, kind: 'key' } });
  }

  // Only subkeys are revoked; a primary key that can encrypt too (RSA) stays as it is.
  const revoked = (await usableEncryptionKeys(key, date)).filter((fingerprint) => fingerprint !== primary);
  key = await key.addSubkey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    sign: false,
    date,
    keyExpirationTime: options.validYears * 365 * 86_400,
  });
  const newSubkey = normalizeFingerprint(key.getSubkeys().at(-1)!.getFingerprint());
  const revokedSet = new Set(revoked);
  for (const [index, subkey] of key.subkeys.entries()) {
    if (revokedSet.has(normalizeFingerprint(subkey.getFingerprint()))) {
      key.subkeys[index] = await subkey.revoke(key.keyPacket as openpgp.SecretKeyPacket, { flag: FLAGS[options.reason] }, date);
    }
  }

  await mkdir(dir, { recursive: true, mode: 0o700 });
  const full = await locked(await openpgp.readPrivateKey({ binaryKey: key.write() }), options.passphrase);
  // 'wx': never over a file that appeared in the meantime.
  await writeFile(files.private, full, { flag: 'wx', mode: 0o600 });
  await writeFile(files.public, key.toPublic().armor(), { flag: 'wx', mode: 0o644 });
  await writeFile(files.laptop, await subkeysOnly(key, [newSubkey], options.passphrase), { flag: 'wx', mode: 0o600 });
  let transition: string | null = null;
  if (revoked.length > 0) {
    await writeFile(files.transition, await subkeysOnly(key, [...revoked, newSubkey], options.passphrase), { flag: 'wx', mode: 0o600 });
    transition = files.transition;
  }
  return { primary, newSubkey, revoked, files: { ...files, transition } };
}
