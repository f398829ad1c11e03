/**
 * The part that needs OpenPGP, loaded only once the employee starts on the form: fetch the
 * provider's key from the relay (or take the inline one), check it against the pinned
 * fingerprints, encrypt, post. Every failure throws a SendFailure before anything leaves the
 * browser unencrypted; the relay never receives plaintext, whatever happens.
 */
import { checkRecipientKey, encryptRequest, isProtocolError, type ContactRequestInput, type RecipientKey } from '@vp-contact/protocol';
import type { FailureReason } from './messages.js';

export interface SendOptions {
  relay: string;
  mailbox: string;
  fingerprints: readonly string[];
  /** An inline armored key: used instead of the descriptor's keys (still checked against the pins). */
  publicKey?: string | undefined;
  timeoutMs: number;
}

/** What the widget uses from the mailbox descriptor, and only after its key passed the pin. */
export interface Descriptor {
  displayName?: string;
  contact?: { phone?: string; email?: string };
  responseHours?: number;
}

export interface Receipt {
  id: string;
  receivedAt: string;
  descriptor: Descriptor | null;
}

export class SendFailure extends Error {
  override readonly name = 'SendFailure';
  /** The mailbox descriptor, when the failure came after its key passed the pin (so it may be trusted). */
  descriptor: Descriptor | null = null;
  constructor(readonly reason: FailureReason, message: string) {
    super(message);
  }
}

/** A function, so the compiler does not assume the answer stays the same across an await. */
const isOffline = (): boolean => navigator.onLine === false;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

async function call(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  if (isOffline()) throw new SendFailure('offline', 'The browser is offline.');
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    // No cookies, no referrer: the relay learns nothing about the intranet page or the employee.
    return await fetch(url, {
      ...init,
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
      mode: 'cors',
      redirect: 'error',
      signal: controller.signal,
    });
  } catch (error) {
    if (controller.signal.aborted) throw new SendFailure('relay-timeout', `The relay did not answer within ${timeoutMs} ms.`);
    if (isOffline()) throw new SendFailure('offline', 'The browser is offline.');
    throw new SendFailure('relay-unreachable', `The relay could not be reached: ${String(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    throw new SendFailure('relay-failed', 'The relay answered with something that is not JSON.');
  }
}

function failStatus(response: Response): never {
  const reason: FailureReason = response.status >= 500 ? 'relay-failed' : 'relay-rejected';
  throw new SendFailure(reason, `The relay answered ${response.status}.`);
}

async function fetchDescriptor(options: SendOptions, base: string): Promise<{ keys: string[]; descriptor: Descriptor }> {
  const response = await call(base, { method: 'GET', headers: { accept: 'application/json' } }, options.timeoutMs);
  if (!response.ok) failStatus(response);
  const body = await readJson(response);
  if (!isObject(body) || !Array.isArray(body.publicKeys) || !body.publicKeys.every((key) => typeof key === 'string')) {
    throw new SendFailure('relay-failed', 'The mailbox descriptor has no list of public keys.');
  }
  const contact = isObject(body.contact) ? body.contact : {};
  const descriptor: Descriptor = {};
  if (typeof body.displayName === 'string') descriptor.displayName = body.displayName;
  if (typeof contact.phone === 'string' || typeof contact.email === 'string') {
    descriptor.contact = {};
    if (typeof contact.phone === 'string') descriptor.contact.phone = contact.phone;
    if (typeof contact.email === 'string') descriptor.contact.email = contact.email;
  }
  if (typeof body.responseHours === 'number' && Number.isFinite(body.responseHours) && body.responseHours > 0) {
    descriptor.responseHours = body.responseHours;
  }
  return { keys: body.publicKeys as string[], descriptor };
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
  let armoredKeys: string[];
  let descriptor: Descriptor | null = null;
  if (options.publicKey) {
    armoredKeys = [options.publicKey];
  } else {
    ({ keys: armoredKeys, descriptor } = await fetchDescriptor(options, base));
  }
  const keys = await pinnedKeys(armoredKeys, options.fingerprints);
  let ciphertext: string;
  try {
    ciphertext = await encryptRequest(request, keys);
  } catch (error) {
    throw new SendFailure('key-unusable', `Encrypting failed: ${isProtocolError(error) ? error.code : String(error)}`);
  }
  try {
    const response = await call(
      `${base}/requests`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version: 1, ciphertext }) },
      options.timeoutMs,
    );
    if (response.status !== 202 && !response.ok) failStatus(response);
    const body = await readJson(response);
    if (!isObject(body) || typeof body.id !== 'string') {
      throw new SendFailure('relay-failed', 'The relay did not confirm the request with an id.');
    }
    return { id: body.id, receivedAt: typeof body.receivedAt === 'string' ? body.receivedAt : '', descriptor };
  } catch (error) {
    // The key passed the pin: the descriptor's phone and e-mail may be offered as the alternative.
    if (error instanceof SendFailure) error.descriptor = descriptor;
    throw error;
  }
}
