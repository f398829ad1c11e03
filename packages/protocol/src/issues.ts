/**
 * Turning valibot issues into words a person can act on, without ever repeating what was
 * received. valibot's own messages quote the input (`Invalid type: Expected string but received
 * "\x1b[2J…"`), and the path of an unknown key is that key itself: both come from outside, so both
 * are filtered here. Shared by describeIssues (schema.ts) and describeContractIssues (http.ts).
 */
import type * as v from 'valibot';

// What a field name in our schemas looks like; any other key (only an unknown one can be other)
// is not named, since it was chosen by whoever sent the data.
const SAFE_KEY = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

// A message that is not ours: valibot's defaults all say what they received.
const DEFAULT_MESSAGE = /\breceived\b/;
// Nothing of ours holds these; a message that does cannot be trusted to be ours.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udfff]/u;

const RULE_OF_TYPE: Record<string, string> = {
  string: 'must be text',
  number: 'must be a number',
  boolean: 'must be true or false',
  array: 'must be a list',
  object: 'must be an object',
  strict_object: 'must be an object',
  literal: 'must be one of the allowed values',
  picklist: 'must be one of the allowed values',
};

/** The dotted path of the field an issue is about (`contact.phone`, `topics.0`), or null for the whole. */
export function issuePath(issue: v.BaseIssue<unknown>): string | null {
  if (!issue.path || issue.path.length === 0) return null;
  return issue.path
    .map((item) => {
      const key: unknown = item.key;
      if (typeof key === 'number') return String(key);
      return typeof key === 'string' && SAFE_KEY.test(key) ? key : '(a field with an unusable name)';
    })
    .join('.');
}

/** The rule an issue breaks, in our words; a message that may quote the input is replaced. */
export function issueRule(issue: v.BaseIssue<unknown>): string {
  const message = issue.message;
  if (!DEFAULT_MESSAGE.test(message) && !UNSAFE.test(message)) return message;
  // An unknown key of a strict object: valibot expects `never` there.
  if (issue.expected === 'never') return 'is not a known field';
  return RULE_OF_TYPE[issue.type] ?? 'is not valid';
}
