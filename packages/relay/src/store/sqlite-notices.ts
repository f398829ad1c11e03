/**
 * The notice ledger (notice-ledger.ts) in the SQLite store: reads on the main thread's connection,
 * writes through the writer thread like every other write, so they share its commits and never
 * take the write lock from under a batch of 202s.
 */
import type Database from 'better-sqlite3';
import type { NoticeClaim, NoticeLedger, NoticeRow, WaitingSummary } from './notice-ledger.js';

export const NOTICE_LEDGER_SCHEMA = `CREATE TABLE notices (
     mailbox TEXT NOT NULL,
     notice TEXT NOT NULL,
     target TEXT NOT NULL,
     kind TEXT NOT NULL,
     series INTEGER NOT NULL,
     covered_seq INTEGER,
     created_at TEXT NOT NULL,
     lease_until TEXT NOT NULL,
     claim_id TEXT,
     sent_at TEXT,
     attempts INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (mailbox, notice, target)
   );
   CREATE INDEX notices_due ON notices (sent_at, lease_until);
   CREATE INDEX notices_series ON notices (mailbox, kind, series);`;

/** The ledger's writes, prepared by the writer thread; the times are ISO 8601 text, which sorts. */
export const NOTICE_WRITER_STATEMENTS = {
  claim: `INSERT INTO notices (mailbox, notice, target, kind, series, covered_seq, created_at, lease_until, claim_id)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (mailbox, notice, target) DO UPDATE SET lease_until = excluded.lease_until, claim_id = excluded.claim_id
          WHERE notices.sent_at IS NULL AND notices.lease_until <= ?`,
  finish: `UPDATE notices SET sent_at = ?, covered_seq = coalesce(?, covered_seq), claim_id = NULL
           WHERE mailbox = ? AND notice = ? AND target = ? AND claim_id = ? AND sent_at IS NULL`,
  defer: `UPDATE notices SET lease_until = ?, attempts = attempts + 1
          WHERE mailbox = ? AND notice = ? AND target = ? AND claim_id = ? AND sent_at IS NULL`,
  prune: 'DELETE FROM notices WHERE created_at < ? AND lease_until <= ?',
} as const;

export interface NoticeWrite {
  readonly kind: 'notice';
  readonly statement: keyof typeof NOTICE_WRITER_STATEMENTS;
  readonly params: readonly (string | number | null)[];
}

interface LedgerRow {
  mailbox: string;
  notice: string;
  target: string;
  kind: NoticeRow['kind'];
  series: number;
  covered_seq: number | null;
  created_at: string;
  lease_until: string;
  sent_at: string | null;
  attempts: number;
}

const seqText = (n: number | null) => (n === null ? null : String(n));

export function sqliteNoticeLedger(db: Database.Database, write: (op: NoticeWrite) => Promise<number>): NoticeLedger {
  const summary = db.prepare<[string], { n: number; oldest: string | null; oldest_seq: number | null; newest_seq: number | null }>(
    'SELECT count(*) AS n, min(received_at) AS oldest, min(seq) AS oldest_seq, max(seq) AS newest_seq FROM requests WHERE mailbox = ?',
  );
  const lastArrival = db.prepare<[string], { series: number; created_at: string; covered_seq: number | null }>(
    `SELECT series, min(created_at) AS created_at, max(covered_seq) AS covered_seq FROM notices
     WHERE mailbox = ? AND kind = 'arrival' GROUP BY series ORDER BY series DESC LIMIT 1`,
  );
  const due = db.prepare<[string], LedgerRow>('SELECT * FROM notices WHERE sent_at IS NULL AND lease_until <= ? ORDER BY created_at');
  return {
    // Reads are synchronous on this connection; the interface is asynchronous for PostgreSQL's sake.
    waitingSummary(mailbox): Promise<WaitingSummary> {
      const row = summary.get(mailbox)!;
      return Promise.resolve({ count: row.n, oldestReceivedAt: row.oldest, oldestSeq: seqText(row.oldest_seq), newestSeq: seqText(row.newest_seq) });
    },
    lastArrivalNotice(mailbox) {
      const row = lastArrival.get(mailbox);
      return Promise.resolve(row ? { series: row.series, createdAt: new Date(row.created_at), coveredSeq: seqText(row.covered_seq) } : null);
    },
    async claimNotice(claim: NoticeClaim, claimId, now, leaseUntil) {
      const changes = await write({
        kind: 'notice',
        statement: 'claim',
        params: [
          claim.mailbox, claim.notice, claim.target, claim.kind, claim.series, claim.coveredSeq,
          now.toISOString(), leaseUntil.toISOString(), claimId, now.toISOString(),
        ],
      });
      return changes > 0;
    },
    async finishNotice(claim, claimId, at, coveredSeq) {
      const changes = await write({
        kind: 'notice',
        statement: 'finish',
        params: [at.toISOString(), coveredSeq, claim.mailbox, claim.notice, claim.target, claimId],
      });
      return changes > 0;
    },
    async deferNotice(claim, claimId, retryAt) {
      await write({ kind: 'notice', statement: 'defer', params: [retryAt.toISOString(), claim.mailbox, claim.notice, claim.target, claimId] });
    },
    pruneNotices(before, now) {
      return write({ kind: 'notice', statement: 'prune', params: [before.toISOString(), now.toISOString()] });
    },
    dueNotices(now) {
      return Promise.resolve(due.all(now.toISOString()).map((r) => ({
        mailbox: r.mailbox,
        notice: r.notice,
        target: r.target,
        kind: r.kind,
        series: r.series,
        coveredSeq: seqText(r.covered_seq),
        createdAt: new Date(r.created_at),
        leaseUntil: new Date(r.lease_until),
        sentAt: r.sent_at === null ? null : new Date(r.sent_at),
        attempts: r.attempts,
      })));
    },
  };
}
