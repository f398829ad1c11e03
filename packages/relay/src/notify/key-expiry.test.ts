// Key expiry notices follow the day a key stops taking requests: its own expiry, or its last
// encryption subkey's when that comes first.
import { readRecipientKey } from '@vp-contact/protocol';
import { makeKeyPair } from '@vp-contact/test-kit';
import { describe, expect, it } from 'vitest';
import { usableUntil } from './key-expiry.js';

const DAY_S = 86_400;

describe('usableUntil', () => {
  it('is the primary key expiry when the subkeys live longer, and null when nothing expires', async () => {
    const never = await readRecipientKey((await makeKeyPair()).publicKey);
    expect(await usableUntil(never)).toBeNull();
    const primary = await readRecipientKey((await makeKeyPair({ keyExpirationTime: 90 * DAY_S })).publicKey);
    expect(await usableUntil(primary)).toEqual(primary.expiresAt);
  });

  it('is the last encryption subkey expiry when that comes first', async () => {
    const pair = await makeKeyPair({ subkeys: [{ keyExpirationTime: 50 * DAY_S }] });
    const recipient = await readRecipientKey(pair.publicKey);
    expect(recipient.expiresAt).toBeNull();
    const until = await usableUntil(recipient);
    expect(until).not.toBeNull();
    expect(Math.abs(until!.getTime() - (Date.now() + 50 * DAY_S * 1000))).toBeLessThan(60_000);
  });
});
