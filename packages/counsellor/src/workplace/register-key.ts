/**
 * The register's database key: 32 random bytes, made once, and stored only encrypted ("wrapped")
 * to the counsellor's OpenPGP key in register-key.asc beside the register. Unlocking the private
 * key unwraps it in memory; it is never written in the clear. Anyone who can unlock the private
 * key can open the register; nobody else can.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { WorkplaceError } from './errors.js';
import { writeFileDurably } from './settings.js';

export const KEY_FILE_NAME = 'register-key.asc';
const KEY_BYTES = 32;

async function wrapRegisterKey(dbKey: Uint8Array, publicKey: openpgp.PublicKey): Promise<string> {
  // The type argument picks openpgp.js's overload for a whole (not streamed) message, so with
  // format 'armored' the result is typed as the armored text.
  return await openpgp.encrypt<Uint8Array>({
    message: await openpgp.createMessage({ binary: dbKey, format: 'binary' }),
    encryptionKeys: publicKey,
    format: 'armored',
    config: { preferredCompressionAlgorithm: openpgp.enums.compression.uncompressed },
  });
}

/** The register's key, unwrapped with the unlocked private key; made (and stored wrapped) on first use. */
export async function registerKey(dir: string, privateKey: openpgp.PrivateKey): Promise<{ key: Buffer; created: boolean }> {
  const file = join(dir, KEY_FILE_NAME);
  let armored: string | null = null;
  try {
    armored = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new WorkplaceError('register-unusable', `The register's key file ${file} could not be read: ${(error as Error).message}.`);
    }
  }
  if (armored === null) {
    const key = randomBytes(KEY_BYTES);
    await writeFileDurably(file, await wrapRegisterKey(key, privateKey.toPublic()));
    return { key, created: true };
  }
  try {
    const message = await openpgp.readMessage({ armoredMessage: armored });
    const { data } = (await openpgp.decrypt({ message, decryptionKeys: privateKey, format: 'binary' })) as { data: Uint8Array };
    const key = Buffer.from(data);
    if (key.length !== KEY_BYTES) throw new Error(`the key is ${key.length} bytes, not ${KEY_BYTES}`);
    return { key, created: false };
  } catch (cause) {
    throw new WorkplaceError(
      'register-unusable',
      `The register's key file ${file} cannot be opened with this private key: it belongs to another key, or it is damaged. Restore it from a backup.`,
      undefined,
      { cause },
    );
  }
}
