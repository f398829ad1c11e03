/**
 * Whether the process `pid` still runs, for the lock files of the inbox and the register: a lock
 * left by a process that died (a crash, a SIGKILL) must not keep the counsellor out.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
