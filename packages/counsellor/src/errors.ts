/**
 * Every failure of the counsellor tools is a CounsellorError with a stable `code` and the `data`
 * that matter (a file, an address, a field), so a program built on the library (or the CLI, which
 * words them in Dutch or English) decides what to say without parsing messages. The message is a
 * plain English sentence for library users. Failures of the protocol itself stay ProtocolErrors
 * from @vp-contact/protocol.
 */
export type CounsellorErrorCode =
  // relay-client
  | 'relay-unreachable'
  | 'relay-timeout'
  | 'relay-unauthorized'
  | 'relay-not-found'
  | 'relay-error'
  | 'relay-bad-response'
  | 'relay-url-invalid'
  | 'relay-url-insecure'
  | 'mailbox-invalid'
  | 'token-invalid'
  // inbox
  | 'inbox-missing'
  | 'inbox-unusable'
  | 'entry-not-found'
  // keys, tokens and passphrases
  | 'key-exists'
  | 'key-file-unreadable'
  | 'token-file-unreadable'
  | 'passphrase-missing'
  | 'passphrase-too-short'
  | 'passphrase-mismatch'
  // mailbox cards
  | 'card-cannot-sign'
  | 'card-no-encryption-key'
  | 'card-subkey-unusable'
  | 'card-exists'
  | 'rotate-refused'
  // configuration
  | 'config-invalid';

/** What an error is about, for wording it: names, paths, counts; never a secret. */
export type ErrorData = Readonly<Record<string, string | number>>;

export class CounsellorError extends Error {
  override readonly name = 'CounsellorError';
  readonly data: ErrorData;
  constructor(
    readonly code: CounsellorErrorCode,
    message: string,
    options?: { cause?: unknown; data?: ErrorData },
  ) {
    super(message, options);
    this.data = options?.data ?? {};
  }
}

export function isCounsellorError(error: unknown, code?: CounsellorErrorCode): error is CounsellorError {
  return error instanceof CounsellorError && (code === undefined || error.code === code);
}
