/**
 * The plaintext contract: what only the counsellor ever reads (ContactRequest v1) and what is
 * posted to the relay (the envelope). This module has no OpenPGP in it, so a browser bundle can
 * validate a form without loading the crypto.
 */
import * as v from 'valibot';
import { REFERENCE_PATTERN } from './reference.js';
import { sha256Label } from './digest.js';
import { SAFE_LINE_RULE, textLine, UNSAFE_IN_LINE, UNSAFE_IN_TEXT } from './http.js';
import { issuePath, issueRule } from './issues.js';

export * from './reference.js';

/** The largest envelope the relay accepts, in bytes of the JSON body. */
export const ENVELOPE_MAX_BYTES = 64 * 1024;
/** The longest free-text message, in characters. */
export const MESSAGE_MAX_LENGTH = 4000;

export const LANGUAGES = ['nl', 'en'] as const;
export const MEETING_PREFERENCES = ['phone', 'video', 'at-work', 'outside-work', 'at-home'] as const;
export const TOPICS = [
  'bullying',
  'sexual-harassment',
  'harassment',
  'discrimination',
  'aggression-violence',
  'other',
  'not-sure',
] as const;
/**
 * What HR may hear of a request. 'none' is newer than the other two (an employer's terms where HR
 * hears nothing at all): a request without hrNotice still means 'anonymous'.
 */
export const HR_NOTICES = ['anonymous', 'named', 'none'] as const;

export type Language = (typeof LANGUAGES)[number];
export type MeetingPreference = (typeof MEETING_PREFERENCES)[number];
export type Topic = (typeof TOPICS)[number];
export type HrNotice = (typeof HR_NOTICES)[number];

// Every valibot schema and action below has a message of its own that names the rule, never the
// value: an error about a request may end up in a log or on a counsellor's terminal, and the
// value can hold escape sequences. No text field may hold control characters (C0, DEL, C1), bidi
// embeddings, overrides or isolates (which can make a text read differently on screen) or lone
// surrogates; only a message may hold tabs and line breaks.
const TEXT = 'must be text';
const SAFE_LINE = SAFE_LINE_RULE;
const SAFE_TEXT = 'must not contain control characters (other than tabs and line breaks) or characters that change the reading direction';

/** A strict object's message: an unknown key and a wrong type are different mistakes. */
const objectMessage = (issue: v.BaseIssue<unknown>) => (issue.expected === 'never' ? 'is not a known field' : 'must be an object');

const line = textLine;

/** A phone number as people write it: digits with an optional +, spaces, dashes, dots, brackets. */
export const PHONE_PATTERN = /^\+?[0-9][0-9 ().-]{4,28}[0-9]$/;
const phone = v.pipe(
  v.string(TEXT),
  v.trim(),
  v.maxLength(30, 'must be at most 30 characters'),
  v.check((s) => !UNSAFE_IN_LINE.test(s), SAFE_LINE),
  v.regex(PHONE_PATTERN, 'must look like a phone number, for example +31 20 000 0000'),
  v.check((s) => s.replace(/\D/g, '').length >= 6, 'must have at least 6 digits'),
);
const email = v.pipe(
  v.string(TEXT),
  v.trim(),
  v.maxLength(254, 'must be at most 254 characters'),
  v.check((s) => !UNSAFE_IN_LINE.test(s), SAFE_LINE),
  v.email('must look like an e-mail address, for example naam@voorbeeld.nl'),
);

export const ContactSchema = v.pipe(
  v.strictObject({
    /** A phone number the counsellor may call. */
    phone: v.optional(phone),
    /** An e-mail address the counsellor may write to (a private one is advised). */
    email: v.optional(email),
    /** When the employee prefers to be reached, in their own words. */
    preferredTimes: v.optional(line(200)),
    /** Whether the counsellor may leave a voicemail (before textMessagesAllowed existed: a voicemail or a message). */
    voicemailAllowed: v.optional(v.boolean('must be true or false')),
    /** Whether the counsellor may send a text message (SMS, chat): a separate permission from voicemail. */
    textMessagesAllowed: v.optional(v.boolean('must be true or false')),
    /** Whether the counsellor may say who they are (a vertrouwenspersoon) when someone else answers. */
    mayIdentifyCaller: v.optional(v.boolean('must be true or false')),
  }, objectMessage),
  v.check((c) => c.phone !== undefined || c.email !== undefined, 'needs a phone number or an e-mail address'),
);

export const ContactRequestSchema = v.strictObject({
  /** The version of this schema: always 1. */
  version: v.literal(1, 'must be 1'),
  /** The code the employee sees and the counsellor quotes on first contact, e.g. K7P-4QX. */
  reference: v.pipe(v.string(TEXT), v.regex(REFERENCE_PATTERN, 'must be a reference such as K7P-4QX')),
  /** When the employee pressed send, as an ISO 8601 timestamp. */
  submittedAt: v.pipe(v.string(TEXT), v.maxLength(40, 'must be at most 40 characters'), v.isoTimestamp('must be an ISO 8601 timestamp')),
  /** The language the employee used the form in. */
  language: v.picklist(LANGUAGES, 'must be nl or en'),
  /** A name, a first name or a pseudonym: whatever the employee wants to be called. */
  name: v.optional(line(100)),
  /** How to reach the employee: at least a phone number or an e-mail address. */
  contact: ContactSchema,
  /** How the employee would like to meet. */
  meeting: v.optional(v.picklist(MEETING_PREFERENCES, `must be one of ${MEETING_PREFERENCES.join(', ')}`)),
  /** The language the employee would like to talk in, in their own words. */
  conversationLanguage: v.optional(line(50)),
  /** One of the regions the employer configured. */
  region: v.optional(line(100)),
  /** One of the organisational units the employer configured. */
  unit: v.optional(line(100)),
  /** What it is about, roughly; several may apply. */
  topics: v.optional(
    v.pipe(
      v.array(v.picklist(TOPICS, `must be one of ${TOPICS.join(', ')}`), 'must be a list'),
      v.maxLength(TOPICS.length, `must hold at most ${TOPICS.length} topics`),
      v.check((t) => new Set(t).size === t.length, 'must not repeat a topic'),
    ),
  ),
  /** A short message in the employee's own words. */
  message: v.optional(
    v.pipe(
      v.string(TEXT),
      v.maxLength(MESSAGE_MAX_LENGTH, `must be at most ${MESSAGE_MAX_LENGTH} characters`),
      v.check((s) => !UNSAFE_IN_TEXT.test(s), SAFE_TEXT),
    ),
  ),
  /** The employee marked the request as urgent (emergencies go to 112, not here). */
  urgent: v.boolean('must be true or false'),
  /**
   * What the provider may tell HR: 'anonymous' (only that a support request came in, with date
   * and region), 'named' (with date and name) or 'none' (nothing: the employer's terms say HR
   * hears nothing of single requests).
   */
  hrNotice: v.optional(v.picklist(HR_NOTICES, 'must be anonymous, named or none'), 'anonymous'),
  /** The SHA-256 of the confidentiality terms the employee was shown: `sha256:<hex>`. */
  termsVersion: v.pipe(v.string(TEXT), v.regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256:<64 hex digits>')),
}, objectMessage);

/** A contact request as the counsellor reads it (hrNotice always present). */
export type ContactRequest = v.InferOutput<typeof ContactRequestSchema>;
/** A contact request as a form builds it (hrNotice may be left out: it defaults to 'anonymous'). */
export type ContactRequestInput = v.InferInput<typeof ContactRequestSchema>;

export const EnvelopeSchema = v.strictObject({
  version: v.literal(1, 'must be 1'),
  ciphertext: v.pipe(
    v.string(TEXT),
    v.startsWith('-----BEGIN PGP MESSAGE-----', 'must be an ASCII-armored OpenPGP message'),
    v.maxLength(ENVELOPE_MAX_BYTES, `must be at most ${ENVELOPE_MAX_BYTES} characters`),
  ),
}, objectMessage);

/** What the widget posts to the relay: `{"version": 1, "ciphertext": "-----BEGIN PGP MESSAGE-----…"}`. */
export type Envelope = v.InferOutput<typeof EnvelopeSchema>;

/**
 * A short, human-readable list of what is wrong, naming each field by its path and the rule it
 * breaks: never the value received, nor an unknown key's name unless it is a plain word.
 */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .map((issue) => {
      const path = issuePath(issue);
      const rule = issueRule(issue);
      return path ? `${path}: ${rule}` : rule;
    })
    .join('; ');
}

/** The termsVersion of a text: `sha256:` and the hex SHA-256 of its UTF-8 bytes. */
export async function hashTerms(text: string): Promise<string> {
  return sha256Label(text);
}
