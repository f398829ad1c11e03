import { isCounsellorError } from '../errors.js';
import { messages, type Lang } from '../i18n.js';
import { printable } from '../printable.js';
import { UsageError, wordUsage } from './usage-error.js';

/**
 * One line for a person: the usage text, or the wording of a known code in the counsellor's
 * language (from the error's data, with the library's details where they matter), else the
 * error's own message. Always one line: a line break from outside cannot fake a line of output.
 */
export function describeError(error: Error & { code?: string }, lang: Lang): string {
  if (error instanceof UsageError) return printable(wordUsage(error.key, error.args, lang));
  const text = error.code === undefined ? undefined : messages[lang].errors[error.code];
  if (text === undefined) return printable(error.message);
  const data = isCounsellorError(error) ? error.data : {};
  return printable(typeof text === 'function' ? text(data, error.message) : text);
}
