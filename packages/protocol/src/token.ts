/**
 * Bearer tokens of the counsellor tools. The relay holds only `sha256:<hex>` of each token, so a
 * copy of its configuration does not let anyone pull requests.
 */
import { sha256Label } from './digest.js';

/** A new random token: 32 bytes from the CSPRNG, base64url, prefixed so it is recognisable. */
export function makeToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const base64 = btoa(String.fromCharCode(...bytes));
  return `vpt_${base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

/** `sha256:` and the hex SHA-256 of the token's UTF-8 bytes: the line for the relay's config. */
export function hashToken(token: string): Promise<string> {
  return sha256Label(token);
}
