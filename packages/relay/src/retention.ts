/**
 * Retention: ciphertext the counsellor tools have not acknowledged within the mailbox's
 * retentionDays is deleted, hourly. From 7 days before that, the log warns how many requests are
 * waiting to be deleted, once a day per mailbox, so the provider can pull them in time. With
 * several relay instances on one PostgreSQL database, each runs this; the deletes are idempotent.
 */
import type { MailboxConfig } from './config.js';
import type { RelayLog } from './log.js';
import type { RelayStore } from './store/types.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const WARNING_DAYS = 7;

export interface RetentionOptions {
  readonly store: RelayStore;
  readonly mailboxes: readonly Pick<MailboxConfig, 'id' | 'retentionDays'>[];
  readonly log: RelayLog;
  /** How often to sweep; one hour by default. */
  readonly intervalMs?: number;
  readonly now?: () => Date;
}

export interface Retention {
  /** One sweep now (the timer runs these too). Never throws: failures are logged. */
  sweep(): Promise<void>;
  /** Stops the timer and waits for a running sweep. */
  stop(): Promise<void>;
}

export function startRetention({ store, mailboxes, log, intervalMs = 60 * 60 * 1000, now = () => new Date() }: RetentionOptions): Retention {
  const lastWarned = new Map<string, number>();
  let running: Promise<void> | null = null;
  let stopped = false;

  async function sweepMailbox(mailbox: Pick<MailboxConfig, 'id' | 'retentionDays'>, at: Date): Promise<void> {
    const cutoff = new Date(at.getTime() - mailbox.retentionDays * DAY_MS);
    const deleted = await store.deleteReceivedBefore(mailbox.id, cutoff);
    if (deleted > 0) {
      log.event('warn', 'retention-deleted', {
        mailbox: mailbox.id,
        count: deleted,
        message: `Deleted ${deleted} request(s) that were not collected within ${mailbox.retentionDays} days.`,
      });
    }
    const warnFrom = new Date(at.getTime() - Math.max(0, mailbox.retentionDays - WARNING_DAYS) * DAY_MS);
    const previous = lastWarned.get(mailbox.id);
    if (previous !== undefined && at.getTime() - previous < DAY_MS) return;
    const waiting = await store.countReceivedBefore(mailbox.id, warnFrom);
    if (waiting > 0) {
      lastWarned.set(mailbox.id, at.getTime());
      log.event('warn', 'retention-warning', {
        mailbox: mailbox.id,
        count: waiting,
        message: `${waiting} request(s) in mailbox "${mailbox.id}" have waited more than ${mailbox.retentionDays - WARNING_DAYS > 0 ? `${mailbox.retentionDays - WARNING_DAYS} days` : 'a while'} and will be deleted within ${Math.min(WARNING_DAYS, mailbox.retentionDays)} days unless vp-counsellor pull collects them.`,
      });
    }
  }

  async function sweepAll(): Promise<void> {
    const at = now();
    for (const mailbox of mailboxes) {
      if (stopped) return;
      try {
        await sweepMailbox(mailbox, at);
      } catch (error) {
        log.event('error', 'retention-failed', { mailbox: mailbox.id, error: error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : String(error) });
      }
    }
  }

  function sweep(): Promise<void> {
    running ??= sweepAll().finally(() => {
      running = null;
    });
    return running;
  }

  const timer = setInterval(() => void sweep(), intervalMs);
  timer.unref();
  void sweep();

  return {
    sweep,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
