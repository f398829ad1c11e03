// The configurator's live check: does the relay serve this mailbox, with a key that has the pinned
// fingerprint and a valid mailbox card signed by it? The same checks the widget makes before it
// sends (send.ts), so an embed code the configurator gives out is one the widget will accept today.
import { checkRecipientKey, newestValidCard } from '@vp-contact/protocol';
import { MailboxDescriptorSchema } from '@vp-contact/protocol/http';
import * as v from 'valibot';

const TIMEOUT_MS = 10_000;

/**
 * Answers { ok: true, card } or { ok: false, field, error: { nl, en } }: `field` is the setting the
 * person should look at (relay, mailbox or fingerprints).
 */
export async function checkRelay({ relay, mailbox, fingerprints }, { signal } = {}) {
  let response;
  // A relay answers an unknown mailbox without CORS headers (it has no origins to allow), so the
  // browser cannot tell it from an unreachable relay: one message names both.
  try {
    response = await fetch(`${relay}/v1/mailboxes/${encodeURIComponent(mailbox)}`, {
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
      signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]) : AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    return {
      ok: false,
      field: 'relay',
      error: {
        nl: 'De relay is niet bereikbaar vanaf deze pagina, of kent deze mailbox niet. Kloppen het adres en de mailbox-id? Staat het adres van deze pagina bij de aanbieder in de lijst van toegestane adressen (allowedOrigins) van deze mailbox?',
        en: "The relay cannot be reached from this page, or does not know this mailbox. Are the address and the mailbox id right? Is this page's address in the mailbox's allowed origins (allowedOrigins) at the provider?",
      },
    };
  }
  if (response.status === 404) {
    return { ok: false, field: 'mailbox', error: { nl: 'Deze relay kent deze mailbox-id niet. Vraag de juiste id na bij de aanbieder.', en: 'This relay does not know this mailbox id. Check the id with the provider.' } };
  }
  const parsed = response.ok ? v.safeParse(MailboxDescriptorSchema, await response.json().catch(() => null)) : { success: false };
  if (!parsed.success) {
    return { ok: false, field: 'relay', error: { nl: `De relay gaf geen bruikbaar antwoord (status ${response.status}). Is dit het adres van een vp-relay?`, en: `The relay gave no usable answer (status ${response.status}). Is this the address of a vp-relay?` } };
  }
  const pinned = fingerprints.split(',').map((fingerprint) => fingerprint.trim());
  const keys = [];
  for (const armored of parsed.output.publicKeys) {
    const key = await checkRecipientKey(armored, pinned).catch(() => null);
    if (key) keys.push(key);
  }
  if (keys.length === 0) {
    return {
      ok: false,
      field: 'fingerprints',
      error: {
        nl: 'De sleutel van deze mailbox heeft een andere vingerafdruk. Controleer de vingerafdruk telefonisch bij de aanbieder; neem hem niet over van de relay.',
        en: "This mailbox's key has another fingerprint. Check the fingerprint with the provider by phone; do not copy it from the relay.",
      },
    };
  }
  const valid = await newestValidCard(parsed.output.cards, keys, { mailbox });
  if (!valid) {
    return {
      ok: false,
      field: 'fingerprints',
      error: {
        nl: 'De sleutel klopt, maar de relay heeft geen geldige mailboxkaart, en zonder kaart verstuurt het formulier niets. Vraag de aanbieder een nieuwe kaart te maken (vp-counsellor card).',
        en: 'The key is right, but the relay has no valid mailbox card, and without one the form sends nothing. Ask the provider to make a new card (vp-counsellor card).',
      },
    };
  }
  return { ok: true, card: valid.card };
}
