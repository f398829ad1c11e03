/**
 * The workplace's failures: a stable code (the API's error code, see API.md), a plain English
 * sentence, and for a bad field its name. The server turns each into its HTTP status; the CLI
 * prints the message.
 */
export type WorkplaceErrorCode =
  | 'invalid'
  | 'wrong-passphrase'
  | 'not-found'
  | 'locked'
  | 'conflict'
  | 'relay-unreachable'
  | 'relay-refused-token'
  | 'relay-error'
  | 'register-in-use'
  | 'register-unusable'
  | 'settings-invalid'
  | 'backup-invalid'
  | 'key-unusable'
  | 'mailbox-unknown'
  | 'key-not-of-mailbox';

export const STATUS_OF: Record<WorkplaceErrorCode, 400 | 404 | 409 | 500 | 502> = {
  invalid: 400,
  'wrong-passphrase': 400,
  'not-found': 404,
  locked: 409,
  conflict: 409,
  'relay-unreachable': 502,
  'relay-refused-token': 502,
  'relay-error': 502,
  'register-in-use': 409,
  'register-unusable': 500,
  'settings-invalid': 400,
  'backup-invalid': 400,
  'key-unusable': 400,
  'mailbox-unknown': 400,
  'key-not-of-mailbox': 400,
};

export class WorkplaceError extends Error {
  override readonly name = 'WorkplaceError';
  constructor(
    readonly code: WorkplaceErrorCode,
    message: string,
    readonly field?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
