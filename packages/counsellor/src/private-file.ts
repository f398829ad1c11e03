/**
 * The private key, the passphrase file and the token file are secrets on disk. One check for all
 * three: a file that other users of this computer can read is not refused (a copy on a USB stick
 * may have other modes) but never silently accepted either.
 */
import { stat } from 'node:fs/promises';

/** True when the file's mode lets its group or others read or write it (never on Windows, which has no such modes). */
export async function isOpenToOthers(file: string): Promise<boolean> {
  if (process.platform === 'win32') return false;
  try {
    return ((await stat(file)).mode & 0o077) !== 0;
  } catch {
    // Reading it will fail and say why.
    return false;
  }
}
