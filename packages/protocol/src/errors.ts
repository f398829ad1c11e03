/**
 * Every failure of the protocol is a ProtocolError with a stable `code`, so callers (the widget,
 * the relay, the counsellor tools) can decide what to tell a person without parsing messages.
 */
export type ProtocolErrorCode =
  // checkRecipientKey / readPrivateKey
  | 'key-unreadable'
  | 'key-not-public'
  | 'key-not-pinned'
  | 'key-expired'
  | 'key-revoked'
  | 'no-encryption-key'
  | 'wrong-passphrase'
  // inspectCiphertext
  | 'not-armored'
  | 'not-encrypted'
  | 'plaintext'
  | 'signed-only'
  | 'compressed'
  | 'password-encrypted'
  | 'unprotected'
  | 'truncated'
  | 'trailing-data'
  | 'corrupt'
  // canonicalizeCiphertext
  | 'not-padded'
  // encryptRequest / decryptRequest
  | 'schema-invalid'
  | 'too-large'
  | 'no-recipients'
  | 'wrong-recipient'
  // mailbox cards: signMailboxCard, verifyMailboxCard, and encryptRequest's encryptionKeys
  | 'card-invalid'
  | 'card-bad-signature'
  | 'card-wrong-mailbox'
  | 'card-not-yet-valid'
  | 'card-expired'
  | 'card-key-unusable';

export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  constructor(
    readonly code: ProtocolErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isProtocolError(error: unknown, code?: ProtocolErrorCode): error is ProtocolError {
  return error instanceof ProtocolError && (code === undefined || error.code === code);
}
