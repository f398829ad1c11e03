/**
 * The card watch: while the relay runs, it checks each mailbox's cards again (hourly; the same
 * check as at start, cards.ts) and logs when a mailbox's state changes. A relay that runs for
 * months would otherwise let its last card expire in silence: widgets then refuse to send, and
 * the provider hears it from an employee. The relay reads its cards only at start, so the state
 * can only get worse while it runs, except when a card that was not yet valid becomes valid.
 *
 * A mailbox is "ok" (a valid card lasts longer than CARD_EXPIRY_WARNING_DAYS), "expiring" (its
 * last valid card stops being valid within them: the card expires, or a key it needs does, since a
 * card is valid only while its key is) or "none-valid" (widgets refuse to send to it). On a change
 * it logs the event the start logs for that state, in the same shape (card-expires-soon, or
 * key-expires-soon when the key ends it first; no-valid-card), or cards-ok (info) when it is ok
 * again: once per change, not every hour. Without the key warning, a key that expires before its
 * card would take the mailbox from ok straight to none-valid. The
 * state at start is taken from the check at load, whose warnings the start has logged already.
 * /readyz reports the worst state of all mailboxes.
 */
import { checkMailboxCards, type CardWarning, type CardWarningEvent } from './cards.js';
import type { MailboxConfig } from './config.js';
import type { RelayLog } from './log.js';

export type CardStatus = 'ok' | 'expiring' | 'none-valid';

export interface CardWatchOptions {
  readonly mailboxes: readonly Pick<MailboxConfig, 'id' | 'cardCheck'>[];
  /** The warnings of the check at load (config.warnings), which the start logs: the state to start from. */
  readonly initial: readonly CardWarning[];
  readonly log: RelayLog;
  /** The clock; tests drive it. */
  readonly now?: () => Date;
  /** How often to check; an hour. 0: never by itself (tests call check()). */
  readonly intervalMs?: number;
}

export interface CardWatch {
  /** Checks every mailbox now (the timer runs these too) and logs the changes. Never throws. */
  check(): Promise<void>;
  /** The worst state of all mailboxes, for /readyz. */
  status(): CardStatus;
  /** Stops the timer and waits for a running check. */
  stop(): Promise<void>;
}

const CHECK_INTERVAL_MS = 60 * 60 * 1000;
const RANK: Record<CardStatus, number> = { ok: 0, expiring: 1, 'none-valid': 2 };

/** A mailbox's state, with the warning that says it (none when ok). */
interface MailboxState {
  readonly status: CardStatus;
  /**
   * For expiring: the event and date, so that another last card (one that became valid), or the
   * key instead of the card, counts as a change.
   */
  readonly event?: CardWarningEvent;
  readonly expiresAt?: string;
  readonly warning?: CardWarning;
}

/** The state the mailbox-wide warnings of one check say; per-card warnings do not decide it. */
function stateOf(warnings: readonly CardWarning[]): MailboxState {
  const none = warnings.find((w) => w.event === 'no-valid-card');
  if (none) return { status: 'none-valid', warning: none };
  const soon = warnings.find((w) => w.event === 'card-expires-soon' || w.event === 'key-expires-soon');
  if (soon) return { status: 'expiring', event: soon.event, ...(soon.expiresAt === undefined ? {} : { expiresAt: soon.expiresAt }), warning: soon };
  return { status: 'ok' };
}

/** A warning's log fields; the start logs its warnings with it too (server.ts), so the lines are the same. */
export function warningFields({ mailbox, card, fingerprint, expiresAt, message }: CardWarning) {
  return {
    mailbox,
    ...(card === undefined ? {} : { card }),
    ...(fingerprint === undefined ? {} : { fingerprint }),
    ...(expiresAt === undefined ? {} : { expiresAt }),
    message,
  };
}

export function startCardWatch({ mailboxes, initial, log, now = () => new Date(), intervalMs = CHECK_INTERVAL_MS }: CardWatchOptions): CardWatch {
  const states = new Map(mailboxes.map((m) => [m.id, stateOf(initial.filter((w) => w.mailbox === m.id))]));
  let running: Promise<void> | null = null;
  let stopped = false;

  async function checkMailbox(mailbox: Pick<MailboxConfig, 'id' | 'cardCheck'>, at: Date): Promise<void> {
    const { files, keys } = mailbox.cardCheck;
    const checked = await checkMailboxCards(mailbox.id, files, keys, at);
    const next = stateOf(checked.warnings);
    const previous = states.get(mailbox.id);
    if (previous?.status === next.status && previous.event === next.event && previous.expiresAt === next.expiresAt) return;
    states.set(mailbox.id, next);
    if (next.warning) {
      log.event('warn', next.warning.event, warningFields(next.warning));
      return;
    }
    // When the last valid card stops being valid: its expiry, or its key's when that comes first.
    // Ok means a valid card, so there is a date.
    const validUntil = checked.lastsUntil!;
    log.event('info', 'cards-ok', {
      mailbox: mailbox.id,
      expiresAt: validUntil,
      message: `A mailbox card of this mailbox is valid until ${validUntil}: widgets can send to it.`,
    });
  }

  async function checkAll(): Promise<void> {
    const at = now();
    for (const mailbox of mailboxes) {
      if (stopped) return;
      try {
        await checkMailbox(mailbox, at);
      } catch (error) {
        // Not expected: the cards passed at load, and what time changes (a card or a key that
        // expires) only makes a card out of date. Say so, keep the last known state, try again.
        log.event('error', 'card-check-failed', {
          mailbox: mailbox.id,
          error: error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : String(error),
        });
      }
    }
  }

  function check(): Promise<void> {
    running ??= checkAll().finally(() => {
      running = null;
    });
    return running;
  }

  const timer = intervalMs > 0 ? setInterval(() => void check(), intervalMs) : undefined;
  timer?.unref();

  return {
    check,
    status: () => [...states.values()].reduce<CardStatus>((worst, s) => (RANK[s.status] > RANK[worst] ? s.status : worst), 'ok'),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
