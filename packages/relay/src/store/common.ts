/** What both stores share: ids, times of receipt, and checking the caller's cursor, limit and cutoff. */
import { randomBytes } from 'node:crypto';
import { StoreInputError } from './errors.js';

// Random bytes drawn from the kernel in blocks, since a call per id was a measurable share of the
// cost of a submission. Each id still gets 16 fresh bytes that no other id shares.
const ID_BYTES = 16;
const POOL_IDS = 256;
let pool = Buffer.alloc(0);
let offset = 0;

/** 128 random bits as 22 base64url characters ([A-Za-z0-9_-]): unguessable and unordered. */
export function newRequestId(): string {
  if (offset + ID_BYTES > pool.length) {
    pool = randomBytes(ID_BYTES * POOL_IDS);
    offset = 0;
  }
  const id = pool.toString('base64url', offset, offset + ID_BYTES);
  offset += ID_BYTES;
  return id;
}

const MINUTE_MS = 60_000;

/**
 * The time of receipt as ISO 8601 UTC truncated to the minute, e.g. 2026-11-27T07:42:00Z. Coarse on
 * purpose: a precise time could be joined with an employer's proxy logs to find out who sent it.
 */
export function minuteIso(date: Date): string {
  const truncated = new Date(Math.floor(date.getTime() / MINUTE_MS) * MINUTE_MS);
  return truncated.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * For minute-truncated times r: r < cutoff exactly when r < (cutoff rounded up to the minute), so
 * the stored text can be compared with this one without parsing.
 */
export function minuteIsoCeil(date: Date): string {
  return minuteIso(new Date(Math.ceil(date.getTime() / MINUTE_MS) * MINUTE_MS));
}

/** Cursors are the store's sequence number as decimal text; anything else is refused. */
export function parseCursor(after: string | null): bigint | null {
  if (after === null) return null;
  if (!/^(0|[1-9][0-9]{0,18})$/.test(after) || BigInt(after) > 9_223_372_036_854_775_807n) {
    throw new StoreInputError('bad-cursor', 'The cursor ("after") is not one this relay handed out; start again without it.');
  }
  return BigInt(after);
}

export function checkLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new StoreInputError('bad-limit', 'The limit must be a whole number of at least 1.');
  }
}

export function checkCutoff(cutoff: Date): void {
  if (!(cutoff instanceof Date) || Number.isNaN(cutoff.getTime())) {
    throw new StoreInputError('bad-cutoff', 'The cutoff is not a valid date.');
  }
}

/**
 * PostgreSQL text cannot hold NUL, and one such value would fail a whole group commit; armored
 * ciphertext never contains it. Both stores refuse it alike, before it joins a batch.
 */
export function checkCiphertextHasNoNul(ciphertext: string): void {
  if (typeof ciphertext !== 'string' || ciphertext.includes('\0')) {
    throw new StoreInputError('bad-ciphertext', 'The ciphertext contains a NUL character; ASCII-armored OpenPGP never does.');
  }
}
