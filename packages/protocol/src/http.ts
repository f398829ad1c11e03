/**
 * The HTTP contract between the widget, the relay and the counsellor tools: the id patterns, the
 * error codes, and valibot schemas of every JSON body the relay sends or receives. One declaration
 * each, imported by every package (and the widget tests' stub relay), so the parts cannot drift.
 *
 * No OpenPGP here: the widget's first chunk imports the patterns without loading the crypto.
 * Plain constants come first and schemas after, so a bundle that uses only the patterns drops
 * valibot.
 *
 *   GET    /v1/mailboxes/:id                          MailboxDescriptor
 *   POST   /v1/mailboxes/:id/requests                 Envelope (schema.ts) -> 202 Receipt
 *   GET    /v1/mailboxes/:id/requests?after&limit     RequestPage (bearer token)
 *   DELETE /v1/mailboxes/:id/requests/:requestId      204 (bearer token)
 *   any error                                         ErrorBody
 */
import * as v from 'valibot';
import { issuePath, issueRule } from './issues.js';

/** A mailbox id: in URLs, the relay's config, the embed code and the counsellor's settings. */
export const MAILBOX_ID_PATTERN = /^[a-z0-9-]{1,64}$/;
/** A request id as the relay hands it out; inbox files are named after it. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;
/** An OpenPGP fingerprint after normalizeFingerprint: v4 keys have 40 hex digits, v6 keys 64. */
export const FINGERPRINT_PATTERN = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
/** Page sizes of GET …/requests: the default, and the most one answer holds. */
export const LIST_LIMIT_DEFAULT = 100;
export const LIST_LIMIT_MAX = 200;
/** The longest a mailbox card may be valid, from issuedAt to expiresAt. */
export const CARD_MAX_VALIDITY_DAYS = 366;

/** Fingerprints are compared without case, spaces or a 0x prefix. */
export function normalizeFingerprint(fingerprint: string): string {
  return fingerprint.replace(/\s+/g, '').replace(/^0x/i, '').toLowerCase();
}

/**
 * Characters that are never text a person typed, in any single-line field: C0 controls, DEL, C1
 * controls, the bidi embeddings, overrides and isolates (which can make text read backwards on a
 * screen: U+202A-202E, U+2066-2069), and lone surrogates. With the u flag a paired surrogate is one
 * code point, so only lone ones match.
 */
export const UNSAFE_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udfff]/u;
/** The same for multi-line text (a message): tab and line breaks are allowed. */
export const UNSAFE_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udfff]/u;

/** Every error code the relay answers with, in ErrorBody.error.code. */
export const RELAY_ERROR_CODES = [
  // routing and method
  'not-found',
  'method-not-allowed',
  'unknown-mailbox',
  // the envelope (POST …/requests)
  'unsupported-media-type',
  'length-required',
  'bad-content-length',
  'too-large',
  'body-incomplete',
  'not-utf8',
  'bad-json',
  'bad-envelope',
  // the ciphertext inside the envelope (ProtocolError codes of inspectCiphertext, and the recipient check)
  'not-armored',
  'not-encrypted',
  'plaintext',
  'signed-only',
  'compressed',
  'password-encrypted',
  'unprotected',
  'truncated',
  'trailing-data',
  'corrupt',
  'not-padded',
  'wrong-recipient',
  // the counsellor API
  'unauthorized',
  'bad-limit',
  'bad-cursor',
  'bad-request-id',
  // limits and state
  'rate-limited',
  'too-many-failed-tokens',
  'shutting-down',
  'store-unavailable',
  'internal-error',
  'http-error',
] as const;
export type RelayErrorCode = (typeof RELAY_ERROR_CODES)[number];

// ---- Schemas. Messages name the rule, never the value received. ----

const OBJECT = 'must be an object';

/** The rule a text field breaks when it holds a character from UNSAFE_IN_LINE. */
export const SAFE_LINE_RULE = 'must not contain control characters or characters that change the reading direction';

/**
 * One line of text a person wrote (a name, a place, a note's title): trimmed, not empty, at most
 * `max` characters, none of UNSAFE_IN_LINE. Every package's schemas use this one rule.
 */
export const textLine = (max: number) =>
  v.pipe(
    v.string('must be text'),
    v.trim(),
    v.minLength(1, 'must not be empty'),
    v.maxLength(max, `must be at most ${max} characters`),
    v.check((s) => !UNSAFE_IN_LINE.test(s), SAFE_LINE_RULE),
  );


/** An ISO 8601 time in UTC as the relay writes it (2026-11-30T14:05:00.000Z; seconds optional), from year 2000 on. */
const utcTime = v.pipe(
  v.string('must be text'),
  v.regex(/^2\d{3}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?Z$/, 'must be a UTC time such as 2026-11-30T14:05:00Z'),
  v.check((s) => Number.isFinite(Date.parse(s)), 'must be a real date and time'),
);

const mailboxId = v.pipe(v.string('must be text'), v.regex(MAILBOX_ID_PATTERN, 'must be 1 to 64 lower-case letters, digits and dashes'));
const requestId = v.pipe(v.string('must be text'), v.regex(REQUEST_ID_PATTERN, 'must be 1 to 100 letters, digits, - or _'));
const fingerprint = v.pipe(
  v.string('must be text'),
  v.transform(normalizeFingerprint),
  v.regex(FINGERPRINT_PATTERN, 'must be an OpenPGP fingerprint of 40 or 64 hexadecimal digits'),
);
const hours = v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1'), v.maxValue(720, 'must be at most 720'));

/** How to reach the provider. Shown to an employee only from a verified mailbox card, never from the descriptor alone. */
export const ProviderContactSchema = v.object({
  phone: v.optional(textLine(30)),
  email: v.optional(textLine(254)),
}, OBJECT);

/** The error body of every failed answer: {"error": {"code", "message"}}. Codes unknown to an older client are kept as text. */
export const ErrorBodySchema = v.object({
  error: v.object({ code: textLine(100), message: v.pipe(v.string('must be text'), v.maxLength(1000, 'must be at most 1000 characters')) }, OBJECT),
}, OBJECT);
export type ErrorBody = v.InferOutput<typeof ErrorBodySchema>;

/** The 202 answer to a posted envelope. Not handed to the page: see the widget's vp-sent event. */
export const ReceiptSchema = v.object({ id: requestId, receivedAt: utcTime }, OBJECT);
export type Receipt = v.InferOutput<typeof ReceiptSchema>;

/** One waiting request as the counsellor API lists it. */
export const WaitingRequestSchema = v.object({
  id: requestId,
  receivedAt: utcTime,
  ciphertext: v.pipe(v.string('must be text'), v.startsWith('-----BEGIN PGP MESSAGE-----', 'must be an ASCII-armored OpenPGP message')),
}, OBJECT);
export type WaitingRequest = v.InferOutput<typeof WaitingRequestSchema>;

/** GET …/requests: oldest first; pass nextCursor as `after` for the next page, null on the last one. */
export const RequestPageSchema = v.object({
  items: v.pipe(v.array(WaitingRequestSchema, 'must be a list'), v.maxLength(LIST_LIMIT_MAX, `must hold at most ${LIST_LIMIT_MAX} items`)),
  nextCursor: v.nullable(v.pipe(v.string('must be text'), v.maxLength(100, 'must be at most 100 characters'))),
}, OBJECT);
export type RequestPage = v.InferOutput<typeof RequestPageSchema>;

/** A language tag as a counsellor may list it: nl, en, pap, pt-BR. */
export const LANGUAGE_TAG_PATTERN = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$/;
/** The most counsellors a card may name: a provider's team for one employer, not a directory. */
export const CARD_MAX_COUNSELLORS = 20;

/** One of the provider's counsellors, as a card may name them so employees know who they may meet. */
export const CounsellorSchema = v.object({
  name: textLine(100),
  region: v.optional(textLine(100)),
  languages: v.optional(
    v.pipe(
      v.array(v.pipe(v.string('must be text'), v.regex(LANGUAGE_TAG_PATTERN, 'must be a language code such as nl or en')), 'must be a list'),
      v.maxLength(10, 'must hold at most 10 languages'),
    ),
  ),
}, OBJECT);
export type Counsellor = v.InferOutput<typeof CounsellorSchema>;

/**
 * What a mailbox card says, signed by the provider's (pinned) primary key: the only source of
 * anything the widget shows or trusts beyond the key itself. The signed message's literal data is
 * this object as JSON.
 */
export const MailboxCardSchema = v.pipe(
  v.object({
    version: v.literal(1, 'must be 1'),
    mailbox: mailboxId,
    displayName: textLine(100),
    contact: ProviderContactSchema,
    responseHours: hours,
    /** Fingerprints of the (sub)keys a request to this mailbox is encrypted to; no others. */
    encryptionKeys: v.pipe(v.array(fingerprint, 'must be a list'), v.minLength(1, 'must name at least one key'), v.maxLength(16, 'must name at most 16 keys')),
    issuedAt: utcTime,
    expiresAt: utcTime,
    /** The provider's counsellors for this mailbox (newer cards; older ones have none). */
    counsellors: v.optional(
      v.pipe(v.array(CounsellorSchema, 'must be a list'), v.maxLength(CARD_MAX_COUNSELLORS, `must name at most ${CARD_MAX_COUNSELLORS} counsellors`)),
    ),
  }, OBJECT),
  v.check(
    (card) => {
      const span = Date.parse(card.expiresAt) - Date.parse(card.issuedAt);
      return span > 0 && span <= CARD_MAX_VALIDITY_DAYS * 86_400_000;
    },
    `expiresAt must lie after issuedAt, at most ${CARD_MAX_VALIDITY_DAYS} days later`,
  ),
);
export type MailboxCard = v.InferOutput<typeof MailboxCardSchema>;

/**
 * GET /v1/mailboxes/:id. The keys are checked against the embed's pinned fingerprints; everything
 * else in it is the relay's word only, which is why `cards` exists.
 */
export const MailboxDescriptorSchema = v.object({
  id: mailboxId,
  displayName: textLine(100),
  contact: ProviderContactSchema,
  /** ASCII-armored public keys (primary key with its subkeys). */
  publicKeys: v.pipe(v.array(v.pipe(v.string('must be text'), v.maxLength(64 * 1024, 'must be at most 64 KiB')), 'must be a list'), v.minLength(1, 'must hold at least one key'), v.maxLength(8, 'must hold at most 8 keys')),
  fingerprints: v.array(fingerprint, 'must be a list'),
  responseHours: hours,
  /** Mailbox cards, each an ASCII-armored OpenPGP signed message, served as the provider made them. */
  cards: v.optional(v.pipe(v.array(v.pipe(v.string('must be text'), v.maxLength(16 * 1024, 'must be at most 16 KiB')), 'must be a list'), v.maxLength(8, 'must hold at most 8 cards')), []),
}, OBJECT);
export type MailboxDescriptor = v.InferOutput<typeof MailboxDescriptorSchema>;

/** What is wrong, naming each field by its path and the rule it breaks; never the value received. */
export function describeContractIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .map((issue) => {
      const path = issuePath(issue);
      const rule = issueRule(issue);
      return path ? `${path} ${rule}` : rule;
    })
    .join('; ');
}
