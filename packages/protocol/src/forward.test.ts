import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { canonicalizeCiphertext } from './canonical.js';
import { decryptRequest } from './decrypt.js';
import { decryptForwardedCase, encryptForwardedCase, FORWARD_SUMMARY_MAX_LENGTH, type ForwardedCase } from './forward.js';
import { inspectCiphertext } from './inspect.js';
import { readPrivateKey, readRecipientKey } from './keys.js';
import { ContactRequestSchema } from './schema.js';
import { makeKeyPair, PASSPHRASE, validRequest } from '@vp-contact/test-kit';

async function forwarded(summary: string): Promise<ForwardedCase> {
  return {
    version: 1,
    kind: 'forwarded-case',
    from: 'Coördinator Voorbeeld',
    forwardedAt: '2026-11-30T10:00:00.000Z',
    employer: 'Voorbeeld B.V.',
    receivedAt: '2026-11-29T09:00:00.000Z',
    request: v.parse(ContactRequestSchema, await validRequest({ message: 'Graag na 17:00 bellen.' })),
    summary,
  };
}

describe('a forwarded case', () => {
  it('is padded like a request, passes the relay\'s canonical check, and only the colleague reads it', async () => {
    const colleague = await makeKeyPair();
    const other = await makeKeyPair();
    const recipient = await readRecipientKey(colleague.publicKey);
    const armored = await encryptForwardedCase(await forwarded('Eerste gesprek gehad; advies gegeven.'), [recipient]);
    // The relay's check: canonical form, a padding bucket, the mailbox's own key ids.
    expect(() => canonicalizeCiphertext(armored, { encryptionKeyIds: recipient.encryptionKeyIds })).not.toThrow();
    expect(inspectCiphertext(armored).recipientKeyIds).toEqual(recipient.encryptionKeyIds);
    const read = await decryptForwardedCase(armored, [await readPrivateKey(colleague.privateKey, PASSPHRASE)]);
    expect(read.summary).toBe('Eerste gesprek gehad; advies gegeven.');
    expect(read.request.message).toBe('Graag na 17:00 bellen.');
    await expect(decryptForwardedCase(armored, [await readPrivateKey(other.privateKey, PASSPHRASE)])).rejects.toMatchObject({ code: 'wrong-recipient' });
    // A request reader does not mistake it for a request.
    await expect(decryptRequest(armored, [await readPrivateKey(colleague.privateKey, PASSPHRASE)])).rejects.toMatchObject({ code: 'schema-invalid' });
  });

  it('refuses a summary that is too long or holds control characters, naming the field', async () => {
    const recipient = await readRecipientKey((await makeKeyPair()).publicKey);
    await expect(encryptForwardedCase(await forwarded('x'.repeat(FORWARD_SUMMARY_MAX_LENGTH + 1)), [recipient])).rejects.toThrow(/summary/);
    await expect(encryptForwardedCase(await forwarded('bel \u001b[2J'), [recipient])).rejects.toThrow(/summary: must not contain control/);
  });
});
