/**
 * The workplace's one session: locked or unlocked. Unlocking reads the private key with the
 * passphrase, unwraps the register's key and opens the register; from then on, the unlocked key
 * and the register live only in this process's memory. Locking ("lock", or idleMinutes without a
 * request) drops them, zeroes the register key's bytes and closes the register. A wrong
 * passphrase is said plainly and may be tried again at once: on the counsellor's own machine a
 * lock-out would only keep the counsellor out.
 */
import { readFile } from 'node:fs/promises';
import type * as openpgp from 'openpgp';
import { isProtocolError, readRecipientKey, type RecipientKey } from '@vp-contact/protocol';
import { unlockPrivateKey } from '../decrypt.js';
import { CaseBook } from './case-file.js';
import { WorkplaceError } from './errors.js';
import { fetchMailbox, freshStatus, type MailboxStatus } from './fetching.js';
import { acquireRegisterLock, type RegisterLock } from './register-lock.js';
import { registerKey } from './register-key.js';
import { Register } from './register.js';
import { remindersFromRegister, remindersWhileLocked, waitingRequests, type Reminders, type Waiting } from './reminders.js';
import type { WorkplaceSettings } from './settings.js';
import { mkdirSync } from 'node:fs';

export type LockedBecause = 'start' | 'lock' | 'idle';

interface Unlocked {
  readonly privateKey: openpgp.PrivateKey;
  readonly providerKey: RecipientKey | null;
  readonly register: Register;
  readonly book: CaseBook;
}

export interface SessionOptions {
  readonly settings: WorkplaceSettings;
  /** Minutes without a request before locking; default from the settings (15). */
  readonly idleMinutes?: number;
  /** How often to fetch while unlocked, in ms; default one minute. 0: only on "fetch now". */
  readonly fetchEveryMs?: number;
  readonly now?: () => Date;
}

export class Session {
  settings: WorkplaceSettings;
  readonly idleMinutes: number;
  lockedBecause: LockedBecause = 'start';
  readonly statuses = new Map<string, MailboxStatus>();
  readonly now: () => Date;
  #unlocked: Unlocked | null = null;
  #settingsQueue: Promise<unknown> = Promise.resolve();
  /** Kept at locking: when each request still waiting for a first contact is due, and if urgent (reminders.ts). */
  #waitingWhileLocked: readonly Waiting[] = [];
  #lock: RegisterLock;
  #idleTimer: NodeJS.Timeout | null = null;
  #fetchTimer: NodeJS.Timeout | null = null;
  #fetching: Promise<void> | null = null;
  /** The round that starts when the running one ends, for callers that came during it. */
  #nextRound: Promise<void> | null = null;
  readonly #fetchEveryMs: number;

  constructor(options: SessionOptions) {
    this.settings = options.settings;
    this.idleMinutes = options.idleMinutes ?? options.settings.idleMinutes;
    this.#fetchEveryMs = options.fetchEveryMs ?? 60_000;
    this.now = options.now ?? (() => new Date());
    mkdirSync(this.settings.register, { recursive: true, mode: 0o700 });
    // Taken now, for the life of the app: a second app on this register stops here, locked or not.
    this.#lock = acquireRegisterLock(this.settings.register);
    for (const m of this.settings.mailboxes) this.statuses.set(m.id, freshStatus());
  }

  get unlocked(): boolean {
    return this.#unlocked !== null;
  }

  /** The open register and case book, or 409 locked. */
  get open(): Unlocked {
    if (this.#unlocked === null) throw new WorkplaceError('locked', 'The register is locked. Unlock it with your passphrase first.');
    return this.#unlocked;
  }

  async unlock(passphrase: unknown): Promise<void> {
    if (typeof passphrase !== 'string' || passphrase === '') throw new WorkplaceError('invalid', 'passphrase: must not be empty.', 'passphrase');
    if (this.#unlocked) return;
    let armored: string;
    try {
      armored = await readFile(this.settings.key, 'utf8');
    } catch (cause) {
      throw new WorkplaceError('settings-invalid', `The private key file ${this.settings.key} could not be read: ${(cause as Error).message}.`);
    }
    let privateKey: openpgp.PrivateKey;
    try {
      privateKey = await unlockPrivateKey(armored, passphrase);
    } catch (error) {
      if (isProtocolError(error, 'wrong-passphrase')) throw new WorkplaceError('wrong-passphrase', 'That passphrase does not unlock your key. Check it and try again.', 'passphrase');
      throw new WorkplaceError('settings-invalid', `The private key file ${this.settings.key} cannot be used: ${(error as Error).message}`);
    }
    const { key } = await registerKey(this.settings.register, privateKey);
    let register: Register;
    try {
      register = Register.open(this.settings.register, key);
    } finally {
      key.fill(0);
    }
    const providerKey = await readRecipientKey(privateKey.toPublic().armor()).catch(() => null);
    // Another unlock may have finished while this one waited on the disk.
    if (this.#unlocked) {
      register.close();
      return;
    }
    this.#unlocked = { privateKey, providerKey, register, book: new CaseBook(register, this.now) };
    this.touch();
    if (this.#fetchEveryMs > 0) {
      this.#fetchTimer = setInterval(() => void this.fetchAll().catch(() => {}), this.#fetchEveryMs);
      this.#fetchTimer.unref();
      void this.fetchAll().catch(() => {});
    }
  }

  lock(because: LockedBecause = 'lock'): void {
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    if (this.#fetchTimer) clearInterval(this.#fetchTimer);
    this.#idleTimer = null;
    this.#fetchTimer = null;
    if (this.#unlocked) {
      try {
        this.#waitingWhileLocked = waitingRequests(this.#unlocked.register);
      } catch {
        // Locking must never fail: without what was kept, the locked reminder just says nothing.
        this.#waitingWhileLocked = [];
      }
      this.#unlocked.register.close();
      this.#unlocked = null;
      this.lockedBecause = because;
    }
  }

  /**
   * Changes the settings (and their file) one change at a time, each applied to the settings as the
   * change before it left them: two changes at once (a language click while a colleague is being
   * checked at their relay) must not undo each other.
   */
  updateSettings(change: (current: WorkplaceSettings) => Promise<WorkplaceSettings>): Promise<WorkplaceSettings> {
    const run = this.#settingsQueue.then(async () => {
      this.settings = await change(this.settings);
      return this.settings;
    });
    this.#settingsQueue = run.catch(() => {});
    return run;
  }

  /** What to remind the counsellor of now: the requests themselves when unlocked, a count when locked. */
  reminders(): Reminders {
    const hours = this.settings.reminderHours;
    if (this.#unlocked) return remindersFromRegister(this.#unlocked.register, hours, this.now());
    return remindersWhileLocked(this.#waitingWhileLocked, hours, this.now());
  }

  /** A request came in: the idle clock starts again. */
  touch(): void {
    if (!this.#unlocked) return;
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => this.lock('idle'), this.idleMinutes * 60_000);
    this.#idleTimer.unref();
  }

  /**
   * Pulls every mailbox once. One round at a time: a caller during a round gets the next one, which
   * starts when the running one ends (the running round may have asked the relay before what the
   * caller expects arrived); every caller meanwhile shares that next round.
   */
  fetchAll(): Promise<void> {
    if (!this.#fetching) return this.#round();
    this.#nextRound ??= this.#fetching
      .catch(() => {})
      .then(() => {
        this.#nextRound = null;
        return this.#round();
      });
    return this.#nextRound;
  }

  async #round(): Promise<void> {
    const open = this.open;
    this.#fetching = (async () => {
      await Promise.all(
        this.settings.mailboxes.map((mailbox) => {
          let status = this.statuses.get(mailbox.id);
          if (!status) this.statuses.set(mailbox.id, (status = freshStatus()));
          return fetchMailbox(mailbox, status, {
            register: open.register,
            privateKey: open.privateKey,
            providerKey: open.providerKey,
            now: this.now,
          });
        }),
      );
    })().finally(() => {
      this.#fetching = null;
    });
    await this.#fetching;
  }

  /** Locks, stops the timers and gives up the register (the app is stopping). */
  async close(): Promise<void> {
    while (this.#fetching || this.#nextRound) await (this.#nextRound ?? this.#fetching)?.catch(() => {});
    this.lock('lock');
    this.#lock.release();
  }
}
