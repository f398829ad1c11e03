// The configurator's live check: does the relay serve this mailbox, with a key that has the pinned
// fingerprint and a valid mailbox card signed by it? The same checks the widget makes before it
// sends (send.ts), so an embed code the configurator gives out is one the widget will accept today.
import { checkRecipientKey, newestValidCard } from '@vp-contact/protocol';
import { ErrorBodySchema, MailboxDescriptorSchema } from '@vp-contact/protocol/http';
import * as v from 'valibot';
import { TEXTS } from './texts.mjs';

const TIMEOUT_MS = 10_000;

/** A failed check: the field to look at, and `say` picks its message from each language's relayCheck texts. */
function problem(field, say) {
  return { ok: false, field, error: { nl: say(TEXTS.nl.relayCheck), en: say(TEXTS.en.relayCheck) } };
}

/**
 * Answers { ok: true, card } or { ok: false, field, error: { nl, en } }: `field` is the setting the
 * person should look at (relay, mailbox or fingerprints).
 */
export async function checkRelay({ relay, mailbox, fingerprints }, { signal } = {}) {
  let response;
  try {
    response = await fetch(`${relay}/v1/mailboxes/${encodeURIComponent(mailbox)}`, {
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
      signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]) : AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    // A network failure, or a known mailbox that does not allow this page's origin (no CORS).
    return problem('relay', (t) => t.unreachable);
  }
  const body = await response.json().catch(() => null);
  // The relay lets any page read this 404 (CORS *), so a mistyped id is not taken for a network problem.
  const failure = v.safeParse(ErrorBodySchema, body);
  if (response.status === 404 && failure.success && failure.output.error.code === 'unknown-mailbox') {
    return problem('mailbox', (t) => t.unknownMailbox);
  }
  const parsed = response.ok ? v.safeParse(MailboxDescriptorSchema, body) : { success: false };
  if (!parsed.success) return problem('relay', (t) => t.notARelay(response.status));
  const pinned = fingerprints.split(',').map((fingerprint) => fingerprint.trim());
  const keys = [];
  for (const armored of parsed.output.publicKeys) {
    const key = await checkRecipientKey(armored, pinned).catch(() => null);
    if (key) keys.push(key);
  }
  if (keys.length === 0) return problem('fingerprints', (t) => t.otherFingerprint);
  const valid = await newestValidCard(parsed.output.cards, keys, { mailbox });
  if (!valid) return problem('fingerprints', (t) => t.noCard);
  return { ok: true, card: valid.card };
}
