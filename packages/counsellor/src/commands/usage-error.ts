/**
 * Wrong use of the command (exit 2). It names a text of the i18n module's `usage` table and the
 * values that text needs; the CLI words it in the counsellor's language.
 */
import { messages, type Lang, type Messages } from '../i18n.js';

type UsageTexts = Messages['usage'];
export type UsageKey = keyof UsageTexts;
type Args<K extends UsageKey> = UsageTexts[K] extends (...args: infer A) => string ? A : [];

export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly key: UsageKey;
  readonly args: readonly string[];
  constructor(key: UsageKey, args: readonly string[], options?: { cause?: unknown }) {
    super(wordUsage(key, args, 'en'), options);
    this.key = key;
    this.args = args;
  }
}

export function usage<K extends UsageKey>(key: K, ...args: Args<K>): UsageError {
  return new UsageError(key, args as readonly string[]);
}

export function wordUsage(key: UsageKey, args: readonly string[], lang: Lang): string {
  const text: string | ((...a: string[]) => string) = messages[lang].usage[key];
  return typeof text === 'function' ? text(...args) : text;
}
