/**
 * The notice scheduler: on every tick (at every full minute; see NOTICE_TICK_MS) it looks at
 * each mailbox that has notice targets and sends what is due:
 *
 *  - arrival: requests newer than the last arrival notice covered, when that notice is at least
 *    intervalMinutes old (or there was none): the first request after a quiet interval is noticed
 *    at the next tick; what comes after is gathered into at most one notice per interval;
 *  - reminder: the oldest waiting request has waited reminderAfterShare × responseHours; one per
 *    oldest request, and none once it was collected;
 *  - key-expiry and card-expiry: 30, 7 and 1 days before a mailbox key or the mailbox's last valid
 *    card expires.
 *
 * Every notice to every target is claimed in the store's ledger first (store/notice-ledger.ts), so
 * several instances on one PostgreSQL send it once, and a restart does not send it again. A failed
 * send is tried again with a growing pause (30 s up to 15 min) by whichever instance comes first,
 * and /readyz says "notices": "degraded" until a send to that target works again. Nothing here is
 * ever awaited by a request: a 202 only wakes the scheduler.
 *
 * The facts of a notice are taken when it is sent, not when it was claimed: a notice that waited
 * for the SMTP server to come back tells the situation as it is then, and is dropped (marked
 * skipped in the ledger) when nothing is waiting any more, or when a newer arrival notice exists.
 */
import { randomUUID } from 'node:crypto';
import type { MailboxConfig } from '../config.js';
import type { RelayLog } from '../log.js';
import type { NoticeClaim, NoticeLedger } from '../store/notice-ledger.js';
import type { NotifyConfig } from './config.js';
import { NoticeSendError, sendEmail, sendWebhook, type SentNotice } from './send.js';
import { noticeText, type NoticeFacts } from './text.js';

/**
 * Rounds run at every full minute (of the real clock), and a 202 never starts one sooner: a notice
 * then tells its reader, and the mail and chat services on its way, the minute a request came in
 * and nothing finer, as the stored receivedAt does (a precise time could be matched with an
 * employer's proxy log). The first request after a quiet interval is still noticed within a minute.
 */
const NOTICE_TICK_MS = 60_000;
export const EXPIRY_NOTICE_DAYS = [30, 7, 1] as const;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** How long a claim holds: longer than the slowest send (SMTP's timeouts are 20 s each). */
const LEASE_MS = 5 * 60_000;
const FIRST_RETRY_MS = 30_000;
/**
 * Ledger rows are kept this long beyond the longest retentionDays: until then a reminder may still
 * be about a waiting request, and expiry notices are about dates that have passed. Pruned daily.
 */
const LEDGER_KEEP_EXTRA_DAYS = 31;
const MAX_RETRY_MS = 15 * 60_000;

export type NoticeStatus = 'ok' | 'degraded';

export interface NoticeSchedulerOptions {
  readonly store: NoticeLedger;
  readonly mailboxes: readonly MailboxConfig[];
  readonly log: RelayLog;
  /** The clock; tests drive it. */
  readonly now?: () => Date;
  /** How often to tick, at whole multiples of it on the real clock; a minute. 0: never by itself (tests call tick()). */
  readonly tickMs?: number;
  /** wake() ticks at the next whole multiple of this on the real clock, when no timer ticks as often; a minute. */
  readonly wakeAlignMs?: number;
}

export interface NoticeScheduler {
  /** One round now (the timer runs these too); resolves when its sends are done. Never throws. */
  tick(): Promise<void>;
  /** Something arrived: tick at the next full minute (when the timer would not anyway). Returns at once. */
  wake(): void;
  /** "degraded" while a target's last send failed, or the last check of the ledger failed. */
  status(): NoticeStatus;
  /** Stops the timer and waits for a running tick. */
  stop(): Promise<void>;
}

type Mailbox = MailboxConfig & { readonly notify: NotifyConfig };

const targetsOf = (notify: NotifyConfig): string[] => [...(notify.email ? ['email'] : []), ...notify.webhooks.map((_, i) => `webhook:${i}`)];

/** For the log: webhook:0 is "webhook 1", as a provider counts them in the configuration. */
const targetName = (target: string) => (target === 'email' ? 'email' : `webhook ${Number(target.slice('webhook:'.length)) + 1}`);

const seqAfter = (a: string | null, b: string | null) => a !== null && (b === null || BigInt(a) > BigInt(b));

/** The smallest of 30/7/1 days before `expiresAt` that `now` has passed, if it has not expired yet. */
function expiryStep(expiresAt: Date, now: Date): number | null {
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return null;
  const steps = EXPIRY_NOTICE_DAYS.filter((days) => left <= days * DAY_MS);
  return steps.length === 0 ? null : Math.min(...steps);
}

export function startNoticeScheduler({
  store,
  mailboxes: all,
  log,
  now = () => new Date(),
  tickMs = NOTICE_TICK_MS,
  wakeAlignMs = 60_000,
}: NoticeSchedulerOptions): NoticeScheduler {
  const mailboxes = new Map(all.filter((m): m is Mailbox => m.notify !== undefined).map((m) => [m.id, m]));
  const failing = new Set<string>();
  let checkFailed = false;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let wakeTimer: NodeJS.Timeout | undefined;
  let lastPrune = -Infinity;
  const keepMs = (Math.max(0, ...all.map((m) => m.retentionDays)) + LEDGER_KEEP_EXTRA_DAYS) * DAY_MS;

  /** The facts as of now; null when there is nothing to say any more (the notice is skipped). */
  async function factsFor(mailbox: Mailbox, claim: NoticeClaim, at: Date): Promise<{ facts: NoticeFacts; coveredSeq: string | null } | null> {
    if (claim.kind === 'arrival' || claim.kind === 'reminder') {
      const summary = await store.waitingSummary(mailbox.id);
      if (summary.count === 0 || summary.oldestReceivedAt === null) return null;
      if (claim.kind === 'reminder' && seqAfter(summary.oldestSeq, claim.notice.slice('reminder:'.length))) return null;
      if (claim.kind === 'arrival') {
        const last = await store.lastArrivalNotice(mailbox.id);
        if (last !== null && last.series > claim.series) return null;
      }
      return {
        facts: { kind: claim.kind, waiting: summary.count, oldestReceivedAt: summary.oldestReceivedAt, responseHours: mailbox.responseHours },
        coveredSeq: claim.kind === 'arrival' ? summary.newestSeq : null,
      };
    }
    // key-expiry:<fingerprint>:<ms>:<days>, card-expiry:<ms>:<days>
    const parts = claim.notice.split(':');
    const expiresAt = new Date(Number(parts.at(-2)));
    const daysBefore = Number(parts.at(-1));
    if (!(expiresAt.getTime() > at.getTime())) return null;
    return { facts: { kind: claim.kind, expiresAt, daysBefore }, coveredSeq: null };
  }

  async function send(mailbox: Mailbox, claim: NoticeClaim, claimId: string, attempts: number): Promise<void> {
    const at = now();
    const key = `${mailbox.id}/${claim.target}`;
    const fields = { mailbox: mailbox.id, kind: claim.kind, target: targetName(claim.target) };
    const found = await factsFor(mailbox, claim, at);
    if (found === null) {
      await store.finishNotice(claim, claimId, at, null);
      failing.delete(key);
      log.event('info', 'notice-skipped', { ...fields, message: 'Nothing left to tell: it was collected, has expired, or a newer notice covers it.' });
      return;
    }
    const { facts } = found;
    const notice: SentNotice = {
      kind: claim.kind,
      displayName: mailbox.displayName,
      text: noticeText(mailbox.displayName, facts, at, mailbox.notify.lang, mailbox.notify.timeZone),
      waiting: 'waiting' in facts ? facts.waiting : null,
      oldestWaitingMinutes: 'oldestReceivedAt' in facts ? Math.max(0, Math.floor((at.getTime() - Date.parse(facts.oldestReceivedAt)) / 60_000)) : null,
    };
    try {
      if (claim.target === 'email') {
        if (!mailbox.notify.email) throw new NoticeSendError('no e-mail target configured');
        await sendEmail(mailbox.notify.email, notice);
      } else {
        const hook = mailbox.notify.webhooks[Number(claim.target.slice('webhook:'.length))];
        if (!hook) throw new NoticeSendError('no such webhook configured');
        await sendWebhook(hook, notice, at);
      }
    } catch (error) {
      const reason = error instanceof NoticeSendError ? error.reason : 'error';
      const pause = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(attempts, 10));
      failing.add(key);
      await store.deferNotice(claim, claimId, new Date(now().getTime() + pause));
      // The reason is a code or a status, never a recipient, a URL or the notice's text.
      log.event('warn', 'notice-failed', { ...fields, reason, retryInSeconds: Math.round(pause / 1000) });
      return;
    }
    failing.delete(key);
    if (!(await store.finishNotice(claim, claimId, now(), found.coveredSeq))) {
      log.event('warn', 'notice-claim-lost', { ...fields, message: 'The notice was sent after its claim ran out; another instance may send it too.' });
      return;
    }
    log.event('info', 'notice-sent', fields);
  }

  /** Claims `notice` for each target it is new (or free again) for, and sends to those. */
  async function claimAndSend(mailbox: Mailbox, notice: Omit<NoticeClaim, 'target' | 'mailbox'>, at: Date): Promise<void> {
    for (const target of targetsOf(mailbox.notify)) {
      const claim: NoticeClaim = { ...notice, mailbox: mailbox.id, target };
      const claimId = randomUUID();
      if (await store.claimNotice(claim, claimId, at, new Date(at.getTime() + LEASE_MS))) await send(mailbox, claim, claimId, 0);
    }
  }

  async function checkMailbox(mailbox: Mailbox, at: Date): Promise<void> {
    const notify = mailbox.notify;
    const summary = await store.waitingSummary(mailbox.id);
    if (summary.count > 0) {
      const last = await store.lastArrivalNotice(mailbox.id);
      if (last === null || (seqAfter(summary.newestSeq, last.coveredSeq) && at.getTime() - last.createdAt.getTime() >= notify.intervalMinutes * 60_000)) {
        const series = (last?.series ?? 0) + 1;
        await claimAndSend(mailbox, { notice: `arrival:${series}`, kind: 'arrival', series, coveredSeq: summary.newestSeq }, at);
      }
      if (summary.oldestReceivedAt !== null && summary.oldestSeq !== null) {
        const waited = at.getTime() - Date.parse(summary.oldestReceivedAt);
        if (waited >= notify.reminderAfterShare * mailbox.responseHours * HOUR_MS) {
          await claimAndSend(mailbox, { notice: `reminder:${summary.oldestSeq}`, kind: 'reminder', series: 0, coveredSeq: null }, at);
        }
      }
    }
    for (const key of mailbox.keys) {
      if (key.usableUntil === null) continue;
      const days = expiryStep(key.usableUntil, at);
      if (days !== null) {
        await claimAndSend(mailbox, { notice: `key-expiry:${key.fingerprint}:${key.usableUntil.getTime()}:${days}`, kind: 'key-expiry', series: 0, coveredSeq: null }, at);
      }
    }
    const lastCard = mailbox.cardChecks.map((c) => c.validUntil).filter((v): v is string => v !== null).sort().at(-1);
    if (lastCard !== undefined) {
      const expiresAt = new Date(lastCard);
      const days = expiryStep(expiresAt, at);
      if (days !== null) {
        await claimAndSend(mailbox, { notice: `card-expiry:${expiresAt.getTime()}:${days}`, kind: 'card-expiry', series: 0, coveredSeq: null }, at);
      }
    }
  }

  /** Failed sends whose pause is over, and claims whose sender stopped before it finished. */
  async function retryDue(at: Date): Promise<void> {
    for (const row of await store.dueNotices(at)) {
      const mailbox = mailboxes.get(row.mailbox);
      // A mailbox or target no longer configured: left in the ledger, never sent.
      if (!mailbox || !targetsOf(mailbox.notify).includes(row.target)) continue;
      const claimId = randomUUID();
      if (await store.claimNotice(row, claimId, at, new Date(at.getTime() + LEASE_MS))) await send(mailbox, row, claimId, row.attempts);
    }
  }

  async function round(): Promise<void> {
    const at = now();
    let failed = false;
    try {
      await retryDue(at);
    } catch (error) {
      failed = true;
      log.event('error', 'notice-check-failed', { error: error instanceof Error ? error.name : 'error' });
    }
    if (at.getTime() - lastPrune >= DAY_MS) {
      try {
        const pruned = await store.pruneNotices(new Date(at.getTime() - keepMs), at);
        lastPrune = at.getTime();
        if (pruned > 0) log.event('info', 'notice-ledger-pruned', { count: pruned });
      } catch (error) {
        failed = true;
        log.event('error', 'notice-check-failed', { error: error instanceof Error ? error.name : 'error' });
      }
    }
    for (const mailbox of mailboxes.values()) {
      if (stopped) break;
      try {
        await checkMailbox(mailbox, at);
      } catch (error) {
        failed = true;
        log.event('error', 'notice-check-failed', { mailbox: mailbox.id, error: error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 200) : 'error' });
      }
    }
    checkFailed = failed;
  }

  function tick(): Promise<void> {
    if (mailboxes.size === 0 || stopped) return Promise.resolve();
    if (running) {
      // A wake during a round: one more round after it, so nothing that arrived waits for the next minute.
      again = true;
      return running;
    }
    running = round().finally(() => {
      running = null;
      if (again && !stopped) {
        again = false;
        void tick();
      }
    });
    return running;
  }

  /** Milliseconds until the next whole multiple of `ms` on the real clock. */
  const untilNext = (ms: number) => ms - (Date.now() % ms);
  let timer: NodeJS.Timeout | undefined;
  const ticking = tickMs > 0 && mailboxes.size > 0;
  function scheduleTick(): void {
    timer = setTimeout(() => {
      void tick();
      if (!stopped) scheduleTick();
    }, untilNext(tickMs));
    timer.unref();
  }
  if (ticking) {
    // A round at start picks up what waited while the relay was down, and retries that are due.
    void tick();
    scheduleTick();
  }

  return {
    tick,
    wake() {
      if (stopped || mailboxes.size === 0 || wakeTimer !== undefined || (ticking && tickMs <= wakeAlignMs)) return;
      wakeTimer = setTimeout(() => {
        wakeTimer = undefined;
        void tick();
      }, untilNext(wakeAlignMs));
      wakeTimer.unref();
    },
    status: () => (failing.size > 0 || checkFailed ? 'degraded' : 'ok'),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(wakeTimer);
      await running;
    },
  };
}
