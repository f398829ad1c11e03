/**
 * Decrypting on the counsellor's machine: unlocking the private key and reading requests from
 * the inbox. The plaintext is returned in memory only; nothing here writes it anywhere.
 */
import * as openpgp from 'openpgp';
import { decryptRequest, normalizeReference, readPrivateKey, type ContactRequest } from '@vp-contact/protocol';
import { CounsellorError } from './errors.js';
import type { Inbox, InboxEntry } from './inbox.js';
import { inPool } from './pool.js';

export { decryptRequest };

/** A passphrase, or a function that asks for one only when the key turns out to need it. */
export type PassphraseSource = string | (() => Promise<string>);

/**
 * Reads an armored private key and unlocks it. The passphrase is asked for only if the key is
 * protected. Fails with ProtocolError 'wrong-passphrase' or 'key-unreadable'.
 */
export async function unlockPrivateKey(armoredPrivateKey: string, passphrase?: PassphraseSource): Promise<openpgp.PrivateKey> {
  let protectedKey = true;
  try {
    const key = await openpgp.readPrivateKey({ armoredKey: armoredPrivateKey });
    protectedKey = !key.isDecrypted();
  } catch {
    // Not a private key: readPrivateKey below says so in the protocol's words.
  }
  if (!protectedKey || passphrase === undefined) return readPrivateKey(armoredPrivateKey);
  const text = typeof passphrase === 'string' ? passphrase : await passphrase();
  return readPrivateKey(armoredPrivateKey, text);
}

/** A stored request read back: the decrypted request, or why it could not be read. */
export type InboxRequest =
  | { readonly entry: InboxEntry; readonly ok: true; readonly request: ContactRequest }
  | { readonly entry: InboxEntry; readonly ok: false; readonly error: Error & { code?: string } };

/** A stored request that could not be read, and why. */
export type UnreadableRequest = Extract<InboxRequest, { ok: false }>;

/** Decrypts one stored request. Never throws for a bad file: the failure is in the result. */
export async function readInboxRequest(inbox: Inbox, entry: InboxEntry, privateKeys: readonly openpgp.PrivateKey[]): Promise<InboxRequest> {
  try {
    const armored = await inbox.read(entry);
    return { entry, ok: true, request: await decryptRequest(armored, privateKeys) };
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    return { entry, ok: false, error: failure };
  }
}

/**
 * Requests decrypted at once. Each one waits on the disk and on the crypto thread pool (key
 * agreement, key unwrapping) between short bursts of JavaScript; a few in flight keep all of them
 * busy (about a fifth faster than one at a time on two cores, see npm run bench).
 */
const READ_CONCURRENCY = 4;

/** Decrypts every stored request, newest first; a bad file is reported in its result and the rest go on. */
export async function readInbox(inbox: Inbox, privateKeys: readonly openpgp.PrivateKey[]): Promise<InboxRequest[]> {
  const entries = await inbox.entries();
  // readInboxRequest never throws, so one bad file cannot stop the others.
  return inPool(entries, READ_CONCURRENCY, (entry) => readInboxRequest(inbox, entry, privateKeys));
}

/**
 * Finds one request by its reference (as the employee reads it out: case and dashes do not
 * matter), by the relay's id, or by its file name.
 */
export async function findInboxRequest(
  inbox: Inbox,
  query: string,
  privateKeys: readonly openpgp.PrivateKey[],
): Promise<{ match: InboxRequest | null; unreadable: UnreadableRequest[] }> {
  const direct = await inbox.find(query.trim());
  if (direct) return { match: await readInboxRequest(inbox, direct, privateKeys), unreadable: [] };
  const reference = normalizeReference(query);
  if (reference === null) return { match: null, unreadable: [] };
  const unreadable: UnreadableRequest[] = [];
  for (const entry of await inbox.entries()) {
    const result = await readInboxRequest(inbox, entry, privateKeys);
    if (result.ok && result.request.reference === reference) return { match: result, unreadable };
    if (!result.ok) unreadable.push(result);
  }
  return { match: null, unreadable };
}

/** Throws a clear error when no request matches; used by the show command and by library users. */
export function notFound(query: string): CounsellorError {
  return new CounsellorError('entry-not-found', `No request in the inbox has the reference or id "${query}".`, { data: { query } });
}
