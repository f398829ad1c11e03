/**
 * The counsellor tools' bearer tokens. The relay holds only `sha256:<hex>` of each token: it hashes
 * what is presented and compares the digests in constant time, against every configured hash
 * (no early exit), and the same way for an unknown mailbox, so the time taken tells nothing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** The 32-byte digests of a mailbox's `counsellorTokenHashes`. */
export function tokenDigests(hashes: readonly string[]): Buffer[] {
  return hashes.map((hash) => Buffer.from(hash.slice('sha256:'.length), 'hex'));
}

// Compared against when the mailbox does not exist, so that case takes as long as a wrong token.
const NO_MATCH = [Buffer.alloc(32)];

/** The token of an `Authorization: Bearer TOKEN` header, or null. */
export function bearerToken(authorization: string | undefined): string | null {
  if (!authorization) return null;
  const match = /^Bearer +([\x21-\x7e]{1,512}) *$/i.exec(authorization);
  return match ? match[1]! : null;
}

/** True when the token's SHA-256 is one of the digests. */
export function tokenMatches(token: string | null, digests: readonly Buffer[] | undefined): boolean {
  const presented = createHash('sha256')
    .update(token ?? '')
    .digest();
  let matched = false;
  for (const digest of digests ?? NO_MATCH) {
    // Both sides are 32 bytes, as timingSafeEqual requires; it runs before the ||, for every digest.
    matched = timingSafeEqual(presented, digest) || matched;
  }
  return token !== null && digests !== undefined && matched;
}
