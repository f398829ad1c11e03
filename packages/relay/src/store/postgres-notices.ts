/**
 * The notice ledger (notice-ledger.ts) in PostgreSQL, shared by every relay instance on the
 * database. A claim is one INSERT ... ON CONFLICT DO UPDATE ... WHERE: PostgreSQL takes the row's
 * lock for it, so of two instances that claim the same notice at once, the second waits, then sees
 * the first one's live lease (or its sent_at) and gets nothing. The times are the relay's (the
 * scheduler's clock), not the database's, so every instance judges leases by the same rule.
 */
import type pg from 'pg';
import type { NoticeLedger, NoticeRow } from './notice-ledger.js';

export async function createNoticeLedgerSchema(client: pg.PoolClient, table: string): Promise<void> {
  await client.query(`CREATE TABLE IF NOT EXISTS ${table}_notices (
    mailbox text NOT NULL,
    notice text NOT NULL,
    target text NOT NULL,
    kind text NOT NULL,
    series integer NOT NULL,
    covered_seq bigint,
    created_at timestamptz NOT NULL,
    lease_until timestamptz NOT NULL,
    claim_id text,
    sent_at timestamptz,
    attempts integer NOT NULL DEFAULT 0,
    PRIMARY KEY (mailbox, notice, target)
  )`);
  await client.query(`CREATE INDEX IF NOT EXISTS ${table}_notices_due ON ${table}_notices (lease_until) WHERE sent_at IS NULL`);
  await client.query(`CREATE INDEX IF NOT EXISTS ${table}_notices_series ON ${table}_notices (mailbox, kind, series)`);
}

interface LedgerRow {
  mailbox: string;
  notice: string;
  target: string;
  kind: NoticeRow['kind'];
  series: number;
  covered_seq: string | null;
  created_at: Date;
  lease_until: Date;
  sent_at: Date | null;
  attempts: number;
}

export function postgresNoticeLedger(pool: pg.Pool, table: string): NoticeLedger {
  const ledger = `${table}_notices`;
  return {
    async waitingSummary(mailbox) {
      const { rows } = await pool.query<{ n: string; oldest: Date | null; oldest_seq: string | null; newest_seq: string | null }>(
        `SELECT count(*) AS n, min(received_at) AS oldest, min(seq)::text AS oldest_seq, max(seq)::text AS newest_seq FROM ${table} WHERE mailbox = $1`,
        [mailbox],
      );
      const row = rows[0]!;
      return {
        count: Number(row.n),
        oldestReceivedAt: row.oldest === null ? null : row.oldest.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        oldestSeq: row.oldest_seq,
        newestSeq: row.newest_seq,
      };
    },
    async lastArrivalNotice(mailbox) {
      const { rows } = await pool.query<{ series: number; created_at: Date; covered_seq: string | null }>(
        `SELECT series, min(created_at) AS created_at, max(covered_seq)::text AS covered_seq FROM ${ledger}
         WHERE mailbox = $1 AND kind = 'arrival' GROUP BY series ORDER BY series DESC LIMIT 1`,
        [mailbox],
      );
      const row = rows[0];
      return row ? { series: row.series, createdAt: row.created_at, coveredSeq: row.covered_seq } : null;
    },
    async claimNotice(claim, claimId, now, leaseUntil) {
      const result = await pool.query(
        `INSERT INTO ${ledger} AS l (mailbox, notice, target, kind, series, covered_seq, created_at, lease_until, claim_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (mailbox, notice, target) DO UPDATE SET lease_until = excluded.lease_until, claim_id = excluded.claim_id
         WHERE l.sent_at IS NULL AND l.lease_until <= $7`,
        [claim.mailbox, claim.notice, claim.target, claim.kind, claim.series, claim.coveredSeq, now, leaseUntil, claimId],
      );
      return (result.rowCount ?? 0) > 0;
    },
    async finishNotice(claim, claimId, at, coveredSeq) {
      const result = await pool.query(
        `UPDATE ${ledger} SET sent_at = $1, covered_seq = coalesce($2::bigint, covered_seq), claim_id = NULL
         WHERE mailbox = $3 AND notice = $4 AND target = $5 AND claim_id = $6 AND sent_at IS NULL`,
        [at, coveredSeq, claim.mailbox, claim.notice, claim.target, claimId],
      );
      return (result.rowCount ?? 0) > 0;
    },
    async deferNotice(claim, claimId, retryAt) {
      await pool.query(
        `UPDATE ${ledger} SET lease_until = $1, attempts = attempts + 1
         WHERE mailbox = $2 AND notice = $3 AND target = $4 AND claim_id = $5 AND sent_at IS NULL`,
        [retryAt, claim.mailbox, claim.notice, claim.target, claimId],
      );
    },
    async pruneNotices(before, now) {
      const result = await pool.query(`DELETE FROM ${ledger} WHERE created_at < $1 AND lease_until <= $2`, [before, now]);
      return result.rowCount ?? 0;
    },
    async dueNotices(now) {
      const { rows } = await pool.query<LedgerRow>(
        `SELECT mailbox, notice, target, kind, series, covered_seq::text AS covered_seq, created_at, lease_until, sent_at, attempts
         FROM ${ledger} WHERE sent_at IS NULL AND lease_until <= $1 ORDER BY created_at`,
        [now],
      );
      return rows.map((r) => ({
        mailbox: r.mailbox,
        notice: r.notice,
        target: r.target,
        kind: r.kind,
        series: r.series,
        coveredSeq: r.covered_seq,
        createdAt: r.created_at,
        leaseUntil: r.lease_until,
        sentAt: r.sent_at,
        attempts: r.attempts,
      }));
    },
  };
}
