/**
 * The plaintext contract: what only the counsellor ever reads (ContactRequest v1) and what is
 * posted to the relay (the envelope). This module has no OpenPGP in it, so a browser bundle can
 * validate a form without loading the crypto.
 */
import * as v from 'valibot';
import { REFERENCE_PATTERN } from './reference.js';
import { sha256Label } from './digest.js';

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
export const HR_NOTICES = ['anonymous', 'named'] as const;

export type Language = (typeof LANGUAGES)[number];
export type MeetingPreference = (typeof MEETING_PREFERENCES)[number];
export type Topic = (typeof TOPICS)[number];
export type HrNotice = (typeof HR_NOTICES)[number];

// C0 controls, DEL and lone surrogates (not text at all) never belong in what a person typed; a
// message may hold line breaks and tabs. With the u flag a paired surrogate is one code point, so
// only lone ones match.
const CONTROL_EXCEPT_NEWLINE = /[\u0000-\u0008\u000b-\u001f\u007f]|[\ud800-\udfff]/u;
const CONTROL = /[\u0000-\u001f\u007f]|[\ud800-\udfff]/u;

const line = (max: number) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, 'must not be empty'),
    v.maxLength(max, `must be at most ${max} characters`),
    v.check((s) => !CONTROL.test(s), 'must not contain control characters'),
  );

/** A phone number as people write it: digits with an optional +, spaces, dashes, dots, brackets. */
export const PHONE_PATTERN = /^\+?[0-9][0-9 ().-]{4,28}[0-9]$/;
const phone = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(30, 'must be at most 30 characters'),
  v.regex(PHONE_PATTERN, 'must look like a phone number, for example +31 20 000 0000'),
  v.check((s) => s.replace(/\D/g, '').length >= 6, 'must have at least 6 digits'),
);
const email = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(254, 'must be at most 254 characters'),
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
    /** Whether the counsellor may leave a voicemail or a message. */
    voicemailAllowed: v.optional(v.boolean()),
    /** Whether the counsellor may say where they call from when someone else answers. */
    mayIdentifyCaller: v.optional(v.boolean()),
  }),
  v.check((c) => c.phone !== undefined || c.email !== undefined, 'needs a phone number or an e-mail address'),
);

export const ContactRequestSchema = v.strictObject({
  /** The version of this schema: always 1. */
  version: v.literal(1),
  /** The code the employee sees and the counsellor quotes on first contact, e.g. K7P-4QX. */
  reference: v.pipe(v.string(), v.regex(REFERENCE_PATTERN, 'must be a reference such as K7P-4QX')),
  /** When the employee pressed send, as an ISO 8601 timestamp. */
  submittedAt: v.pipe(v.string(), v.maxLength(40), v.isoTimestamp('must be an ISO 8601 timestamp')),
  /** The language the employee used the form in. */
  language: v.picklist(LANGUAGES),
  /** A name, a first name or a pseudonym: whatever the employee wants to be called. */
  name: v.optional(line(100)),
  /** How to reach the employee: at least a phone number or an e-mail address. */
  contact: ContactSchema,
  /** How the employee would like to meet. */
  meeting: v.optional(v.picklist(MEETING_PREFERENCES)),
  /** The language the employee would like to talk in, in their own words. */
  conversationLanguage: v.optional(line(50)),
  /** One of the regions the employer configured. */
  region: v.optional(line(100)),
  /** One of the organisational units the employer configured. */
  unit: v.optional(line(100)),
  /** What it is about, roughly; several may apply. */
  topics: v.optional(
    v.pipe(
      v.array(v.picklist(TOPICS)),
      v.maxLength(TOPICS.length),
      v.check((t) => new Set(t).size === t.length, 'must not repeat a topic'),
    ),
  ),
  /** A short message in the employee's own words. */
  message: v.optional(
    v.pipe(
      v.string(),
      v.maxLength(MESSAGE_MAX_LENGTH, `must be at most ${MESSAGE_MAX_LENGTH} characters`),
      v.check((s) => !CONTROL_EXCEPT_NEWLINE.test(s), 'must not contain control characters'),
    ),
  ),
  /** The employee marked the request as urgent (emergencies go to 112, not here). */
  urgent: v.boolean(),
  /**
   * What the provider may tell HR: 'anonymous' (only that a support request came in, with date
   * and region) or 'named' (with date and name).
   */
  hrNotice: v.optional(v.picklist(HR_NOTICES), 'anonymous'),
  /** The SHA-256 of the confidentiality terms the employee was shown: `sha256:<hex>`. */
  termsVersion: v.pipe(v.string(), v.regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256:<64 hex digits>')),
});

/** A contact request as the counsellor reads it (hrNotice always present). */
export type ContactRequest = v.InferOutput<typeof ContactRequestSchema>;
/** A contact request as a form builds it (hrNotice may be left out: it defaults to 'anonymous'). */
export type ContactRequestInput = v.InferInput<typeof ContactRequestSchema>;

export const EnvelopeSchema = v.strictObject({
  version: v.literal(1),
  ciphertext: v.pipe(
    v.string(),
    v.startsWith('-----BEGIN PGP MESSAGE-----', 'must be an ASCII-armored OpenPGP message'),
    v.maxLength(ENVELOPE_MAX_BYTES),
  ),
});

/** What the widget posts to the relay: `{"version": 1, "ciphertext": "-----BEGIN PGP MESSAGE-----…"}`. */
export type Envelope = v.InferOutput<typeof EnvelopeSchema>;

/** A short, human-readable list of what is wrong, naming each field by its path. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .map((issue) => {
      const path = v.getDotPath(issue);
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** The termsVersion of a text: `sha256:` and the hex SHA-256 of its UTF-8 bytes. */
export async function hashTerms(text: string): Promise<string> {
  return sha256Label(text);
}
