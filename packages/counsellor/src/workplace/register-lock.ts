/**
 * One app per register. A lock file beside the register, made with O_EXCL and holding the pid,
 * is taken when the app starts and removed when it stops; a second app finds it and is refused
 * with a message that says what to do. A lock left by a process that no longer runs (a crash, a
 * SIGKILL) is taken over. SQLite's locking_mode=EXCLUSIVE guards the database file as well while
 * it is open, but only while unlocked: the lock file covers the locked hours too.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync, fsyncSync } from 'node:fs';
import { join } from 'node:path';
import { WorkplaceError } from './errors.js';
import { isAlive } from '../process-alive.js';

const LOCK_FILE_NAME = 'register.lock';

export interface RegisterLock {
  readonly file: string;
  release(): void;
}

export function acquireRegisterLock(dir: string): RegisterLock {
  const file = join(dir, LOCK_FILE_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, `${process.pid}\n`);
      fsyncSync(fd);
      closeSync(fd);
      let released = false;
      return {
        file,
        release() {
          if (released) return;
          released = true;
          try {
            unlinkSync(file);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new WorkplaceError('register-unusable', `The register folder ${dir} cannot be used: ${(error as Error).message}.`);
      }
      let pid = NaN;
      try {
        pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
      } catch {
        // Removed in between: try again.
      }
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new WorkplaceError(
          'register-in-use',
          `The register in ${dir} is already open in another vp-counsellor (process ${pid}). Use that one, or stop it first.`,
        );
      }
      if (pid === process.pid) {
        throw new WorkplaceError('register-in-use', `The register in ${dir} is already open in this process.`);
      }
      // A lock left by a process that is gone (crash or SIGKILL): take it over.
      try {
        unlinkSync(file);
      } catch {
        // Someone else took it over first; the next attempt says so.
      }
    }
  }
  throw new WorkplaceError('register-in-use', `The register in ${dir} is being opened by another vp-counsellor right now.`);
}
