/**
 * Every failure of the counsellor tools is a CounsellorError with a stable `code`, so a program
 * built on the library (or the CLI, which translates them) decides what to say without parsing
 * messages. Failures of the protocol itself stay ProtocolErrors from @vp-contact/protocol.
 */
export type CounsellorErrorCode =
  // relay-client
  | 'relay-unreachable'
  | 'relay-timeout'
  | 'relay-unauthorized'
  | 'relay-not-found'
  | 'relay-error'
  | 'relay-bad-response'
  // inbox
  | 'inbox-missing'
  | 'inbox-unusable'
  | 'entry-not-found'
  // keys and passphrases
  | 'key-exists'
  | 'key-file-unreadable'
  | 'passphrase-missing'
  | 'passphrase-too-short'
  | 'passphrase-mismatch'
  // configuration and usage
  | 'config-invalid'
  | 'usage';

export class CounsellorError extends Error {
  override readonly name = 'CounsellorError';
  /** The same in Dutch, where the command has it (usage errors). */
  readonly dutch: string | undefined;
  constructor(
    readonly code: CounsellorErrorCode,
    message: string,
    options?: { cause?: unknown; dutch?: string },
  ) {
    super(message, options);
    this.dutch = options?.dutch;
  }
}

export function isCounsellorError(error: unknown, code?: CounsellorErrorCode): error is CounsellorError {
  return error instanceof CounsellorError && (code === undefined || error.code === code);
}
