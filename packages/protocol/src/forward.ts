/**
 * A forwarded case: one counsellor hands a request, and the case so far, to a colleague (a
 * coordinator to the counsellor of the right region). It travels like a request: validated,
 * padded to a size bucket, encrypted without compression to the colleague's key only, and posted
 * to the colleague's mailbox, so the relay's canonical and bucket checks accept it and its length
 * tells no more than a request's. The colleague's tools tell the two apart by `kind`.
 */
import * as v from 'valibot';
import type * as openpgp from 'openpgp';
import { decryptPadded } from './decrypt.js';
import { encryptPadded } from './encrypt.js';
import { ProtocolError } from './errors.js';
import { textLine, UNSAFE_IN_TEXT } from './http.js';
import type { RecipientKey } from './keys.js';
import { pad } from './padding.js';
import { ContactRequestSchema, describeIssues } from './schema.js';

/** The longest summary of the case so far, in characters (it must fit the largest bucket with the request). */
export const FORWARD_SUMMARY_MAX_LENGTH = 20_000;

const line = textLine;
const timestamp = v.pipe(v.string('must be text'), v.maxLength(40, 'must be at most 40 characters'), v.isoTimestamp('must be an ISO 8601 timestamp'));

export const ForwardedCaseSchema = v.strictObject({
  version: v.literal(1, 'must be 1'),
  kind: v.literal('forwarded-case', 'must be forwarded-case'),
  /** Who forwarded it, as the colleague knows them. */
  from: line(100),
  forwardedAt: timestamp,
  /** The employer, as the forwarding counsellor names it. */
  employer: line(100),
  /** When the request reached the relay first. */
  receivedAt: timestamp,
  /** The employee's request, unchanged. */
  request: ContactRequestSchema,
  /** The case so far in plain words (status, notes, appointments, time), as the counsellor chose to pass on. */
  summary: v.pipe(
    v.string('must be text'),
    v.maxLength(FORWARD_SUMMARY_MAX_LENGTH, `must be at most ${FORWARD_SUMMARY_MAX_LENGTH} characters`),
    v.check((s) => !UNSAFE_IN_TEXT.test(s), 'must not contain control characters (other than tabs and line breaks) or characters that change the reading direction'),
  ),
});

export type ForwardedCase = v.InferOutput<typeof ForwardedCaseSchema>;

/** Validates, pads and encrypts a forwarded case to the colleague's key; returns the armored message. */
export async function encryptForwardedCase(forwarded: ForwardedCase, recipientKeys: readonly RecipientKey[]): Promise<string> {
  if (recipientKeys.length === 0) throw new ProtocolError('no-recipients', 'There is no key to encrypt the forwarded case to.');
  const result = v.safeParse(ForwardedCaseSchema, forwarded);
  if (!result.success) throw new ProtocolError('schema-invalid', `The forwarded case is not valid: ${describeIssues(result.issues)}.`);
  return encryptPadded(pad(JSON.stringify(result.output)), recipientKeys);
}

/** Decrypts and validates a forwarded case (authenticated messages only, like a request). */
export async function decryptForwardedCase(armoredMessage: string, privateKeys: readonly openpgp.PrivateKey[]): Promise<ForwardedCase> {
  const parsed = await decryptPadded(armoredMessage, privateKeys);
  const result = v.safeParse(ForwardedCaseSchema, parsed);
  if (!result.success) throw new ProtocolError('schema-invalid', `The decrypted message is not a valid forwarded case: ${describeIssues(result.issues)}.`);
  return result.output;
}
