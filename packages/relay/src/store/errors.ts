/**
 * Errors the stores throw on input the caller can correct. The app maps StoreInputError to 400;
 * anything else a store throws is the database failing (503/500), never the client's fault.
 */

export type StoreInputErrorCode = 'bad-cursor' | 'bad-limit' | 'bad-cutoff' | 'bad-ciphertext';

/** A cursor, limit, cutoff or ciphertext the store cannot use. Nothing was read or changed. */
export class StoreInputError extends Error {
  override readonly name = 'StoreInputError';
  constructor(
    readonly code: StoreInputErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** add() after close() began: the relay is shutting down and accepts nothing more. */
export class StoreClosedError extends Error {
  override readonly name = 'StoreClosedError';
  constructor() {
    super('The store is closed; the relay is shutting down.');
  }
}
