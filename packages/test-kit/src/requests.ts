// Contact requests as the widget builds them, plain and encrypted.
import { encryptRequest, hashTerms, makeReference, type ContactRequestInput, type RecipientKey } from '@vp-contact/protocol';

/** A valid request, submitted now, with the given fields changed. */
export async function validRequest(overrides: Partial<ContactRequestInput> = {}): Promise<ContactRequestInput> {
  return {
    version: 1,
    reference: makeReference(),
    submittedAt: new Date().toISOString(),
    language: 'nl',
    contact: { phone: '+31 20 000 0000' },
    urgent: false,
    termsVersion: await hashTerms('Voorwaarden versie 1'),
    ...overrides,
  };
}

/** A valid request and its ciphertext, encrypted to `recipients` as the widget does. */
export async function encryptedRequest(
  recipients: readonly RecipientKey[],
  overrides: Partial<ContactRequestInput> = {},
): Promise<{ request: ContactRequestInput; ciphertext: string }> {
  const request = await validRequest(overrides);
  return { request, ciphertext: await encryptRequest(request, recipients) };
}
