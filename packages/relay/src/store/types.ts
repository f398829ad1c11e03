/**
 * What the relay keeps: per mailbox, opaque ciphertext with an id and a time of receipt. Nothing
 * else: no address, no user agent, no headers. Two implementations: SQLite (the default, one file)
 * and PostgreSQL (for providers who run several relays or already run PostgreSQL).
 */
import type { NoticeLedger } from './notice-ledger.js';

/** One request as stored and as handed to the counsellor tools. */
export interface StoredRequest {
  /** Random id (not guessable, not ordered): what the counsellor tools acknowledge. [A-Za-z0-9_-]. */
  readonly id: string;
  /** When the relay received it, ISO 8601 UTC, truncated to the minute (see SECURITY.md). */
  readonly receivedAt: string;
  /** The ASCII-armored OpenPGP message, byte for byte as posted. */
  readonly ciphertext: string;
}

export interface StoredRequestPage {
  /** Oldest first. */
  readonly items: readonly StoredRequest[];
  /** Opaque; pass as `after` for the next page. null when there are no more. */
  readonly nextCursor: string | null;
}

/** The request store, and the notice ledger the notice scheduler keeps in the same database. */
export interface RelayStore extends NoticeLedger {
  /**
   * Stores one ciphertext. Resolves only once it is durably committed (on disk, fsynced), so a
   * 202 is never lost, also across crashes. Concurrent calls may be committed together in one
   * transaction (group commit) so that durability does not cost one fsync per request.
   */
  add(mailbox: string, ciphertext: string): Promise<{ id: string; receivedAt: string }>;
  /** Oldest first, at most `limit` items, after the cursor (null: from the start). */
  list(mailbox: string, options: { after: string | null; limit: number }): Promise<StoredRequestPage>;
  /** Deletes one request. Resolves true when it was there, false when it was already gone. */
  remove(mailbox: string, id: string): Promise<boolean>;
  /** Deletes the mailbox's requests received before `cutoff`; returns how many. */
  deleteReceivedBefore(mailbox: string, cutoff: Date): Promise<number>;
  /** How many requests of the mailbox were received before `cutoff` (for the retention warning). */
  countReceivedBefore(mailbox: string, cutoff: Date): Promise<number>;
  /** Throws when the database does not answer (for /readyz). */
  ping(): Promise<void>;
  /** Finishes pending commits, then closes. */
  close(): Promise<void>;
}
