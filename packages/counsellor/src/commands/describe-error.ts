import { parseArgs } from 'node:util';
import type { Messages } from '../i18n.js';

/** One line for a person: the Dutch sentence for a known code, else the (English) message. */
export function describeError(error: Error & { code?: string }, t: Messages): string {
  return (error.code !== undefined && t.errors[error.code]) || error.message;
}
