/**
 * A mailbox's public descriptor at a relay (GET /v1/mailboxes/:id, no token needed): its keys'
 * fingerprints, its cards. The workplace reads it for the response time a card promises, and to
 * check that a colleague's key really belongs to the colleague's mailbox before saving it.
 */
import * as v from 'valibot';
import { describeContractIssues, MailboxDescriptorSchema, type MailboxDescriptor } from '@vp-contact/protocol/http';
import { relayUrl } from '../relay-client.js';
import { WorkplaceError } from './errors.js';

/** The descriptor, or null when the relay has no such mailbox; a relay that cannot be reached or answers wrongly is an error. */
export async function mailboxDescriptor(relay: string, mailbox: string, timeoutMs = 15_000): Promise<MailboxDescriptor | null> {
  const url = new URL(`v1/mailboxes/${mailbox}`, relayUrl(relay));
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
  } catch (cause) {
    throw new WorkplaceError('relay-unreachable', `The relay at ${url.origin} could not be reached.`, 'relay', { cause });
  }
  if (response.status === 404) {
    await response.body?.cancel().catch(() => {});
    return null;
  }
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => {});
    throw new WorkplaceError('relay-error', `The relay at ${url.origin} answered ${response.status} for mailbox ${mailbox}.`, 'relay');
  }
  const parsed = v.safeParse(MailboxDescriptorSchema, await response.json().catch(() => null));
  if (!parsed.success) throw new WorkplaceError('relay-error', `The relay's description of mailbox ${mailbox} is not valid: ${describeContractIssues(parsed.issues)}.`, 'relay');
  return parsed.output;
}
