import * as openpgp from 'openpgp';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkRecipientKey, normalizeFingerprint, readRecipientKey } from './keys.js';
import { makeKeyPair } from '@vp-contact/test-kit';

let provider: Awaited<ReturnType<typeof makeKeyPair>>;

beforeAll(async () => {
  provider = await makeKeyPair();
});

describe('checkRecipientKey', () => {
  it('accepts a pinned key, comparing fingerprints without case or spaces', async () => {
    const spaced = provider.fingerprint.toUpperCase().replace(/(.{4})/g, '$1 ').trim();
    const checked = await checkRecipientKey(provider.publicKey, ['0000', spaced]);
    expect(checked.fingerprint).toBe(provider.fingerprint.toLowerCase());
    expect(checked.encryptionKeyIds).toHaveLength(1);
    expect(checked.expiresAt).toBeNull();
  });

  it('refuses a key that is not pinned: key-not-pinned', async () => {
    const other = await makeKeyPair();
    await expect(checkRecipientKey(other.publicKey, [provider.fingerprint])).rejects.toMatchObject({
      code: 'key-not-pinned',
    });
    await expect(checkRecipientKey(provider.publicKey, [])).rejects.toMatchObject({ code: 'key-not-pinned' });
  });

  it('refuses an expired key: key-expired', async () => {
    const expired = await makeKeyPair({ date: new Date(Date.now() - 3 * 86_400_000), keyExpirationTime: 86_400 });
    await expect(checkRecipientKey(expired.publicKey, [expired.fingerprint])).rejects.toMatchObject({
      code: 'key-expired',
    });
  });

  it('refuses a revoked key: key-revoked', async () => {
    const key = await makeKeyPair();
    const { publicKey } = await openpgp.revokeKey({
      key: await openpgp.readKey({ armoredKey: key.publicKey }),
      revocationCertificate: key.revocationCertificate,
      format: 'armored',
    });
    await expect(checkRecipientKey(publicKey, [key.fingerprint])).rejects.toMatchObject({ code: 'key-revoked' });
  });

  it('refuses a key that cannot encrypt: no-encryption-key', async () => {
    const key = await openpgp.readKey({ armoredKey: provider.publicKey });
    key.subkeys = [];
    await expect(checkRecipientKey(key.armor(), [provider.fingerprint])).rejects.toMatchObject({
      code: 'no-encryption-key',
    });
  });

  it('refuses a private key and what is not a key', async () => {
    await expect(checkRecipientKey(provider.privateKey, [provider.fingerprint])).rejects.toMatchObject({
      code: 'key-not-public',
    });
    await expect(checkRecipientKey('not a key', [provider.fingerprint])).rejects.toMatchObject({
      code: 'key-unreadable',
    });
  });

  it('readRecipientKey makes the same checks without a pin', async () => {
    expect((await readRecipientKey(provider.publicKey)).fingerprint).toBe(provider.fingerprint);
    await expect(readRecipientKey(provider.privateKey)).rejects.toMatchObject({ code: 'key-not-public' });
  });
});

describe('normalizeFingerprint', () => {
  it('drops spaces, a 0x prefix and case', () => {
    expect(normalizeFingerprint('0xAB12 CD34\tEF56')).toBe('ab12cd34ef56');
  });
});
