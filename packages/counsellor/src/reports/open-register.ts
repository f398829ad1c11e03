/**
 * Opening the register from the command line (report, hours, demo-data, report export): the same
 * steps as the workplace's unlock (private key with passphrase, unwrap the register key, open),
 * holding the register's lock file while it is open, so a running `vp-counsellor serve` and a
 * report never use the register at once.
 */
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type * as openpgp from 'openpgp';
import { isProtocolError } from '@vp-contact/protocol';
import { unlockPrivateKey } from '../decrypt.js';
import { WorkplaceError } from '../workplace/errors.js';
import { acquireRegisterLock } from '../workplace/register-lock.js';
import { registerKey } from '../workplace/register-key.js';
import { Register } from '../workplace/register.js';
import type { WorkplaceSettings } from '../workplace/settings.js';

export interface OpenRegister {
  readonly register: Register;
  readonly privateKey: openpgp.PrivateKey;
  close(): void;
}

export async function openRegisterWith(settings: WorkplaceSettings, passphrase: string): Promise<OpenRegister> {
  let armored: string;
  try {
    armored = await readFile(settings.key, 'utf8');
  } catch (cause) {
    throw new WorkplaceError('settings-invalid', `The private key file ${settings.key} could not be read: ${(cause as Error).message}.`);
  }
  let privateKey: openpgp.PrivateKey;
  try {
    privateKey = await unlockPrivateKey(armored, passphrase);
  } catch (error) {
    if (isProtocolError(error, 'wrong-passphrase')) throw new WorkplaceError('wrong-passphrase', 'That passphrase does not unlock your key. Check it and try again.');
    throw new WorkplaceError('settings-invalid', `The private key file ${settings.key} cannot be used: ${(error as Error).message}`);
  }
  mkdirSync(settings.register, { recursive: true, mode: 0o700 });
  const lock = acquireRegisterLock(settings.register);
  try {
    const { key } = await registerKey(settings.register, privateKey);
    let register: Register;
    try {
      register = Register.open(settings.register, key);
    } finally {
      key.fill(0);
    }
    return {
      register,
      privateKey,
      close() {
        register.close();
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
