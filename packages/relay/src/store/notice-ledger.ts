/**
 * What the notice scheduler (notify/) needs from the store: per mailbox how many requests wait and
 * since when, and a durable ledger of notices, so that a restart does not send a notice again and
 * two relay instances on one database do not both send it.
 *
 * A ledger row is one notice to one target (the e-mail, or one webhook). An instance that wants to
 * send it first claims it: the row is written with a lease (lease_until) and a claim id, in one
 * atomic upsert that succeeds only when the row is new, or not yet sent and its lease has run out.
 * Whoever got the claim sends, then marks the row sent (only with its own claim id). A sender that
 * dies leaves a lease that runs out, and another instance claims the row again; a failed send
 * leaves the row with a lease until the next try (the backoff). A row that is marked sent is never
 * claimed again: "exactly once" for every notice that was confirmed sent.
 */

/** Per mailbox: what is waiting, as the store holds it. Sequence numbers are decimal text (bigint). */
export interface WaitingSummary {
  readonly count: number;
  /** The oldest waiting request's receivedAt (minute precision, as stored); null when none waits. */
  readonly oldestReceivedAt: string | null;
  readonly oldestSeq: string | null;
  /** The newest waiting request's sequence number; sequence numbers are never reused. */
  readonly newestSeq: string | null;
}

export type NoticeKind = 'arrival' | 'reminder' | 'key-expiry' | 'card-expiry';

export interface NoticeClaim {
  readonly mailbox: string;
  /** Names the notice: arrival:3 (the third arrival notice), reminder:<seq>, key-expiry:<fpr>:<date>:7, … */
  readonly notice: string;
  /** email, or webhook:<n> */
  readonly target: string;
  readonly kind: NoticeKind;
  /** For arrival notices: their number in the mailbox's series; 0 for the rest. */
  readonly series: number;
  /** For arrival notices: the newest sequence number they cover. */
  readonly coveredSeq: string | null;
}

/** A ledger row as the scheduler reads it back. */
export interface NoticeRow extends NoticeClaim {
  readonly createdAt: Date;
  readonly leaseUntil: Date;
  readonly sentAt: Date | null;
  readonly attempts: number;
}

export interface NoticeLedger {
  waitingSummary(mailbox: string): Promise<WaitingSummary>;
  /** The mailbox's arrival notice with the highest series number, any of its targets; null when none. */
  lastArrivalNotice(mailbox: string): Promise<{ series: number; createdAt: Date; coveredSeq: string | null } | null>;
  /**
   * Claims the row of `claim` until `leaseUntil` when it is new, or unsent with an expired lease
   * (at `now`). True when this caller holds the claim (under `claimId`) and may send.
   */
  claimNotice(claim: NoticeClaim, claimId: string, now: Date, leaseUntil: Date): Promise<boolean>;
  /** Marks the claimed row sent (or skipped, when there was nothing left to say); false when the claim was lost. */
  finishNotice(claim: Pick<NoticeClaim, 'mailbox' | 'notice' | 'target'>, claimId: string, at: Date, coveredSeq: string | null): Promise<boolean>;
  /** After a failed send: keeps the row unsent, claimable again from `retryAt`; counts the attempt. */
  deferNotice(claim: Pick<NoticeClaim, 'mailbox' | 'notice' | 'target'>, claimId: string, retryAt: Date): Promise<void>;
  /** Unsent rows whose lease has run out at `now` (failed sends due again, claims of senders that died). */
  dueNotices(now: Date): Promise<NoticeRow[]>;
  /** Deletes rows created before `before` whose lease has run out at `now`; returns how many. */
  pruneNotices(before: Date, now: Date): Promise<number>;
}
