/**
 * @vp-contact/protocol: the one contract the widget, the relay and the counsellor tools speak.
 * Runs unchanged in browsers and in Node.
 */
export * from './schema.js';
export * from './errors.js';
export { PADDING_BUCKETS } from './padding.js';
export { checkRecipientKey, readRecipientKey, normalizeFingerprint, readPrivateKey, type RecipientKey } from './keys.js';
export { hashToken, makeToken } from './token.js';
export { encryptRequest, type EncryptOptions } from './encrypt.js';
export { canonicalizeCiphertext, paddedSeipdLength, type CanonicalCiphertext, type CanonicalizeOptions } from './canonical.js';
export { inspectCiphertext, type CiphertextInfo, type PacketInfo } from './inspect.js';
export { decryptRequest } from './decrypt.js';
export {
  CARD_CLOCK_SKEW_MS,
  CARD_MAX_ARMORED_LENGTH,
  newestValidCard,
  signMailboxCard,
  verifyMailboxCard,
  type MailboxCardInput,
  type VerifyCardOptions,
} from './card.js';
export { CARD_MAX_VALIDITY_DAYS, MailboxCardSchema, type MailboxCard } from './http.js';
export { encryptForwardedCase, decryptForwardedCase, ForwardedCaseSchema, FORWARD_SUMMARY_MAX_LENGTH, type ForwardedCase } from './forward.js';
