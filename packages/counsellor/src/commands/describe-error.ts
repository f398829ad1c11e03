import { parseArgs } from 'node:util';
import type { Messages } from '../i18n.js';

/**
 * One line for a person: the Dutch sentence for a known code (with the library's details, such as
 * an address or a field, where they matter), else the (English) message.
 */
export function describeError(error: Error & { code?: string }, t: Messages): string {
  const text = error.code === undefined ? undefined : t.errors[error.code];
  if (text === undefined) return error.message;
  return typeof text === 'function' ? text(error.message) : text;
}
