/**
 * Fetching every mailbox: the library's durable pull (stored, fsynced, then acknowledged), then
 * every stored request that is not a case yet is decrypted in memory and made a case in the
 * register. The ciphertext file stays in the inbox folder: until its case exists it is the only
 * copy, and afterwards it costs nothing to keep (the CLI still reads it).
 *
 * Each mailbox has its own status; one relay that is down or refuses its token does not stop the
 * others. Only one round runs at a time (Session.fetchAll: "fetch now" during a round gets the next).
 */
import { readFile } from 'node:fs/promises';
import type * as openpgp from 'openpgp';
import { decryptForwardedCase, isProtocolError, newestValidCard, type ForwardedCase, type RecipientKey } from '@vp-contact/protocol';
import { readInboxRequest } from '../decrypt.js';
import { isCounsellorError } from '../errors.js';
import { Inbox } from '../inbox.js';
import { pull } from '../pull.js';
import { RelayClient } from '../relay-client.js';
import { mailboxDescriptor } from './descriptor.js';
import { WorkplaceError } from './errors.js';
import { addWorkingDays } from './working-days.js';
import type { Register } from './register.js';
import type { Mailbox } from './settings.js';

export type FetchState = 'never' | 'fetching' | 'ok' | 'relay-unreachable' | 'token-refused' | 'error';

export interface MailboxStatus {
  state: FetchState;
  lastFetchedAt: string | null;
  lastAttemptAt: string | null;
  message: string | null;
  newCases: number;
  /** Stored requests that could not be decrypted (kept in the inbox folder, never dropped). */
  unreadable: { file: string; message: string }[];
}

export function stateOf(error: unknown): FetchState {
  if (isCounsellorError(error, 'relay-unreachable') || isCounsellorError(error, 'relay-timeout')) return 'relay-unreachable';
  if (isCounsellorError(error, 'relay-unauthorized') || isCounsellorError(error, 'token-invalid') || isCounsellorError(error, 'token-file-unreadable')) return 'token-refused';
  return 'error';
}

export async function readToken(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (cause) {
    throw new WorkplaceError('invalid', `The token file ${file} could not be read: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}.`, 'tokenFile');
  }
}

/**
 * The response time to promise for a mailbox: the newest valid card in the relay's descriptor
 * (checked against the counsellor's own key, so the relay cannot change it), else the setting.
 */
async function promisedHours(mailbox: Mailbox, providerKey: RecipientKey | null): Promise<number> {
  if (providerKey === null) return mailbox.responseHours;
  try {
    const descriptor = await mailboxDescriptor(mailbox.relay, mailbox.mailbox);
    if (descriptor === null) return mailbox.responseHours;
    const best = await newestValidCard(descriptor.cards, [providerKey], { mailbox: mailbox.mailbox });
    return best?.card.responseHours ?? mailbox.responseHours;
  } catch {
    return mailbox.responseHours;
  }
}

/**
 * The promise a new case is held to: working days when the mailbox's settings say so (they are the
 * counsellor's own word on what the employer's page promises), else the hours (the card's, else the
 * setting). responseHours is then the hours that the working days come to, for the record.
 */
function promiseFor(mailbox: Mailbox, hours: number, receivedAt: string): { responseHours: number; dueAt?: string } {
  if (mailbox.responseWorkingDays === undefined) return { responseHours: hours };
  const received = new Date(receivedAt);
  const due = addWorkingDays(received, mailbox.responseWorkingDays);
  return { responseHours: Math.round((due.getTime() - received.getTime()) / 3_600_000), dueAt: due.toISOString() };
}

export interface FetchContext {
  readonly register: Register;
  readonly privateKey: openpgp.PrivateKey;
  readonly providerKey: RecipientKey | null;
  readonly now: () => Date;
}

/** Pulls one mailbox and makes cases of what is new; updates `status` as it goes. */
export async function fetchMailbox(mailbox: Mailbox, status: MailboxStatus, context: FetchContext): Promise<void> {
  status.state = 'fetching';
  status.lastAttemptAt = context.now().toISOString();
  try {
    const client = new RelayClient({ relay: mailbox.relay, mailbox: mailbox.mailbox, token: await readToken(mailbox.tokenFile) });
    const inbox = await Inbox.open(mailbox.inbox, { create: true });
    await pull({ client, inbox });
    status.newCases = await makeCases(mailbox, inbox, status, context);
    status.state = 'ok';
    status.lastFetchedAt = context.now().toISOString();
    status.message = null;
  } catch (error) {
    status.state = stateOf(error);
    status.message = (error as Error).message;
  }
}

async function makeCases(mailbox: Mailbox, inbox: Inbox, status: MailboxStatus, context: FetchContext): Promise<number> {
  const known = context.register.requestIds(mailbox.id);
  const waiting = (await inbox.entries()).filter((entry) => !known.has(entry.id));
  if (waiting.length === 0) {
    status.unreadable = [];
    return 0;
  }
  const hours = await promisedHours(mailbox, context.providerKey);
  let made = 0;
  const unreadable: MailboxStatus['unreadable'] = [];
  for (const entry of waiting) {
    const result = await readInboxRequest(inbox, entry, [context.privateKey]);
    let forwarded: ForwardedCase | null = null;
    if (!result.ok && isProtocolError(result.error, 'schema-invalid')) {
      // Not a request: perhaps a case a colleague forwarded to this (personal) mailbox.
      forwarded = await decryptForwardedCase(await inbox.read(entry), [context.privateKey]).catch(() => null);
    }
    if (!result.ok && forwarded === null) {
      unreadable.push({ file: entry.file, message: result.error.message });
      continue;
    }
    // The register may have been locked while this was decrypting: then the next round makes it.
    if (!context.register.isOpen) break;
    const at = context.now().toISOString();
    const receivedAt = forwarded?.receivedAt ?? entry.receivedAt;
    const promise = promiseFor(mailbox, hours, receivedAt);
    const id = context.register.createCase({
      mailboxId: mailbox.id,
      employer: forwarded?.employer ?? mailbox.employer,
      requestId: entry.id,
      // A forwarded request keeps the time the employee's request first arrived: the promise runs from then.
      receivedAt,
      request: forwarded?.request ?? (result as Extract<typeof result, { ok: true }>).request,
      ...promise,
      at,
    });
    if (id !== null && forwarded !== null) {
      context.register.append(id, at, 'forwarded-here', { from: forwarded.from, forwardedAt: forwarded.forwardedAt, summary: forwarded.summary });
    }
    if (id !== null) made++;
  }
  status.unreadable = unreadable;
  return made;
}

export function freshStatus(): MailboxStatus {
  return { state: 'never', lastFetchedAt: null, lastAttemptAt: null, message: null, newCases: 0, unreadable: [] };
}
