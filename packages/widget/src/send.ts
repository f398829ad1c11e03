/**
 * The part that needs OpenPGP, loaded once the page is idle: fetch the mailbox descriptor from the
 * relay, check its key (or the inline one) against the pinned fingerprints, verify the newest
 * mailbox card against that key, encrypt to exactly the (sub)keys the card names, post. Every
 * failure throws a SendFailure before anything leaves the browser unencrypted; the relay never
 * receives plaintext, whatever happens. The relay's answers are checked against the shared HTTP
 * contract (@vp-contact/protocol/http), so a relay that drifts from it fails closed here too.
 *
 * Passing the pin makes the key genuine, not the rest of the descriptor: its name, contact details
 * and response time are the relay's word only. Only a card signed by the pinned primary key speaks
 * for the provider, so only the card's are handed back (and shown), and without a valid card
 * nothing is sent.
 */
import { checkRecipientKey, encryptRequest, isProtocolError, newestValidCard, type ContactRequestInput, type RecipientKey } from '@vp-contact/protocol';
import { describeContractIssues, ErrorBodySchema, MailboxDescriptorSchema, ReceiptSchema } from '@vp-contact/protocol/http';
import * as v from 'valibot';
import type { FailureReason } from './messages.js';

export { buildRequest } from './request.js';
export { validate } from './validate.js';
export { nlLate } from './messages-late-nl.js';

export interface SendOptions {
  relay: string;
  mailbox: string;
  fingerprints: readonly string[];
  /**
   * An inline armored key: used instead of the descriptor's keys (still checked against the pins).
   * The cards still come from the descriptor and must verify against this key.
   */
  publicKey?: string | undefined;
  timeoutMs: number;
  /**
   * Asked just before the POST starts: false (the employee hid the widget) stops the send with
   * nothing sent. After it said true the request may reach the relay, so it is left to finish
   * (see the widget's README).
   */
  mayPost?: (() => boolean) | undefined;
}

/** What the widget may show about the provider: only ever from a verified mailbox card. */
export interface Card {
  displayName: string;
  contact: { phone?: string | undefined; email?: string | undefined };
  responseHours: number;
  /** The provider's counsellors the card names (name, region, languages), if any. */
  counsellors?: { name: string; region?: string | undefined; languages?: string[] | undefined }[] | undefined;
}

export interface Receipt {
  id: string;
  receivedAt: string;
  card: Card;
}

/** Why a send stopped: a failure the employee is told about, or their own hiding of the widget. */
export type SendFailureReason = FailureReason | 'cancelled';

export class SendFailure extends Error {
  override readonly name = 'SendFailure';
  /** The verified card, when the failure came after it was verified (its contact details may be offered). */
  card: Card | null = null;
  constructor(readonly reason: SendFailureReason, message: string) {
    super(message);
  }
}

/** A function, so the compiler does not assume the answer stays the same across an await. */
const isOffline = (): boolean => navigator.onLine === false;

/** One exchange with the relay, bounded as a whole: the answer's headers and its body. */
async function call(url: string, init: RequestInit, timeoutMs: number): Promise<{ status: number; body: unknown }> {
  if (isOffline()) throw new SendFailure('offline', 'The browser is offline.');
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response: Response;
  try {
    // No cookies, no referrer: the relay learns nothing about the intranet page or the employee.
    response = await fetch(url, {
      ...init,
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
      mode: 'cors',
      redirect: 'error',
      signal: controller.signal,
    });
  } catch (error) {
    clearTimeout(timer);
    if (controller.signal.aborted) throw new SendFailure('relay-timeout', `The relay did not answer within ${timeoutMs} ms.`);
    if (isOffline()) throw new SendFailure('offline', 'The browser is offline.');
    throw new SendFailure('relay-unreachable', `The relay could not be reached: ${String(error)}`);
  }
  try {
    // The timer still runs: a relay that sends its headers and then stalls the body is slow too.
    return { status: response.status, body: await response.json() };
  } catch {
    if (controller.signal.aborted) throw new SendFailure('relay-timeout', `The relay did not finish its answer within ${timeoutMs} ms.`);
    if (!response.ok) return { status: response.status, body: undefined };
    throw new SendFailure('relay-failed', 'The relay answered with something that is not JSON.');
  } finally {
    clearTimeout(timer);
  }
}

/** A failed answer: the relay's error code (from its ErrorBody) goes into the message for the console. */
function failStatus(status: number, body: unknown): never {
  const reason: FailureReason = status >= 500 ? 'relay-failed' : 'relay-rejected';
  const parsed = v.safeParse(ErrorBodySchema, body);
  const code = parsed.success ? parsed.output.error.code : 'no error body';
  throw new SendFailure(reason, `The relay answered ${status} (${code}).`);
}

/** The descriptor's keys and cards; its name, contact and response time are ignored (unsigned). */
async function fetchDescriptor(options: SendOptions, base: string): Promise<{ keys: string[]; cards: string[] }> {
  const { status, body } = await call(base, { method: 'GET', headers: { accept: 'application/json' } }, options.timeoutMs);
  if (status !== 200) failStatus(status, body);
  const parsed = v.safeParse(MailboxDescriptorSchema, body);
  if (!parsed.success) throw new SendFailure('relay-failed', `The mailbox descriptor does not follow the contract: ${describeContractIssues(parsed.issues)}.`);
  return { keys: parsed.output.publicKeys, cards: parsed.output.cards };
}

/** Every key that passes the pin; none passing fails closed with the most telling reason. */
async function pinnedKeys(armoredKeys: readonly string[], fingerprints: readonly string[]): Promise<RecipientKey[]> {
  const passed: RecipientKey[] = [];
  const codes = new Set<string>();
  for (const armored of armoredKeys.slice(0, 16)) {
    try {
      passed.push(await checkRecipientKey(armored, fingerprints));
    } catch (error) {
      codes.add(isProtocolError(error) ? error.code : 'key-unreadable');
    }
  }
  if (passed.length > 0) return passed;
  // A pinned key that expired or was revoked says more than the unpinned keys next to it.
  const reason: FailureReason = codes.has('key-expired')
    ? 'key-expired'
    : codes.has('key-revoked')
      ? 'key-revoked'
      : codes.has('no-encryption-key') || codes.has('key-not-public')
        ? 'key-unusable'
        : 'key-not-pinned';
  throw new SendFailure(reason, `No key passed the pin check (${[...codes].join(', ') || 'no keys'}).`);
}

export async function sendRequest(request: ContactRequestInput, options: SendOptions): Promise<Receipt> {
  const base = `${options.relay}/v1/mailboxes/${encodeURIComponent(options.mailbox)}`;
  const served = await fetchDescriptor(options, base);
  const keys = await pinnedKeys(options.publicKey ? [options.publicKey] : served.keys, options.fingerprints);
  const date = new Date();
  const newest = await newestValidCard(served.cards.slice(0, 8), keys, { mailbox: options.mailbox, date });
  // None valid: none at all, expired, signed by another key, changed, or naming a (sub)key the key
  // as served cannot encrypt to (a rolled-back key, a stripped revocation the card already reflects).
  if (!newest) throw new SendFailure('card-invalid', `No valid mailbox card for this key among the ${served.cards.length} served.`);
  const { displayName, contact, responseHours, encryptionKeys, counsellors } = newest.card;
  const card: Card = { displayName, contact, responseHours, counsellors };
  let ciphertext: string;
  try {
    // Exactly the card's (sub)keys: a retired subkey whose revocation the relay stripped gets nothing.
    ciphertext = await encryptRequest(request, [newest.key], { encryptionKeys, date });
  } catch (error) {
    const code = isProtocolError(error) ? error.code : String(error);
    throw Object.assign(new SendFailure(code === 'card-key-unusable' ? 'card-invalid' : 'key-unusable', `Encrypting failed: ${code}`), { card });
  }
  try {
    // Hidden before the POST started: nothing leaves the browser.
    if (options.mayPost?.() === false) throw new SendFailure('cancelled', 'The employee hid the widget before the request was sent.');
    const { status, body } = await call(
      `${base}/requests`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version: 1, ciphertext }) },
      options.timeoutMs,
    );
    if (status !== 202) failStatus(status, body);
    const parsed = v.safeParse(ReceiptSchema, body);
    if (!parsed.success) throw new SendFailure('relay-failed', `The relay's receipt does not follow the contract: ${describeContractIssues(parsed.issues)}.`);
    return { ...parsed.output, card };
  } catch (error) {
    // The card is verified: its phone and e-mail may be offered as the alternative.
    if (error instanceof SendFailure) error.card = card;
    throw error;
  }
}
