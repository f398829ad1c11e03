/**
 * When a mailbox key stops taking new requests: when the primary key expires, or when its last
 * encryption subkey does, whichever comes first. A primary key without an expiry date whose only
 * encryption subkey expires is just as unusable to the widget after that day.
 */
import type { RecipientKey } from '@vp-contact/protocol';

export async function usableUntil(recipient: RecipientKey): Promise<Date | null> {
  const encrypting = new Set(recipient.encryptionKeyIds.map((id) => id.toLowerCase()));
  const primary = recipient.expiresAt?.getTime() ?? Infinity;
  let lastEncryption = encrypting.has(recipient.key.getKeyID().toHex().toLowerCase()) ? primary : -Infinity;
  for (const subkey of recipient.key.getSubkeys()) {
    if (!encrypting.has(subkey.getKeyID().toHex().toLowerCase())) continue;
    const expires = await subkey.getExpirationTime();
    lastEncryption = Math.max(lastEncryption, expires instanceof Date ? expires.getTime() : Infinity);
  }
  const until = Math.min(primary, lastEncryption);
  return Number.isFinite(until) ? new Date(until) : null;
}
