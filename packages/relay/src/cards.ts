/**
 * The mailbox cards, checked when the configuration is loaded (at start and by vp-relay --check),
 * and again hourly while the relay runs (card-watch.ts).
 * The relay only serves cards, and widgets trust only the cards they verify themselves; the check
 * here is for the provider: a card that can never be valid (not a card, not signed by one of the
 * mailbox's keys, for another mailbox) is a mistake in the configuration and stops the start,
 * while a card that is only out of date (expired, not yet valid, or naming a subkey that the
 * served key no longer has or has revoked: the normal state of the old card right after a
 * subkey rotation) gets a warning, since widgets simply pass over it. So does a mailbox that has no valid card, since
 * widgets then refuse to send to it, and one whose last valid card stops being valid within
 * CARD_EXPIRY_WARNING_DAYS: when the card expires, or when a key it needs does (its primary key,
 * or an encryption subkey it names), whichever comes first.
 */
import { isProtocolError, verifyMailboxCard, type MailboxCard, type RecipientKey } from '@vp-contact/protocol';
import { normalizeFingerprint } from '@vp-contact/protocol/http';
import { ConfigError } from './errors.js';

/** From how long before the last valid card of a mailbox expires the relay warns. */
export const CARD_EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

export type CardWarningEvent = 'no-valid-card' | 'card-expires-soon' | 'key-expires-soon' | 'card-expired' | 'card-not-yet-valid' | 'card-key-unusable';

/** A warning about a mailbox's cards: a log event at start (and on a change while running), a line of vp-relay --check. */
export interface CardWarning {
  readonly event: CardWarningEvent;
  readonly mailbox: string;
  /** The card file it is about, when it is about one. */
  readonly card?: string;
  /** For key-expires-soon: the primary fingerprint (upper-case hex) of the key, as the start's key line names it. */
  readonly fingerprint?: string;
  /** When the card (card-expires-soon) or the key it needs (key-expires-soon) expires. */
  readonly expiresAt?: string;
  readonly message: string;
}

/** A card as read from its file. */
export interface CardFile {
  /** The config field, for messages: mailboxes[0].cards[1]. */
  readonly field: string;
  /** The file's absolute path. */
  readonly source: string;
  readonly armored: string;
}

/** What the check found for one card: valid now, until when; or not valid now (a warning says why). */
export interface CheckedCard {
  readonly source: string;
  readonly validUntil: string | null;
}

// Codes that only say the card is out of date; its signature and content are the provider's.
const OUT_OF_DATE = new Set(['card-expired', 'card-not-yet-valid', 'card-key-unusable']);
const NEW_CARD = "Make a new card with vp-counsellor card, add it to the mailbox's cards and restart the relay.";

/**
 * Verifies each card against the mailbox's keys at `now` (it must verify with one of them) and
 * returns what it found, with the warnings to give and when the last valid card stops being valid
 * (its expiry or its key's, the earlier; null when none is valid); throws a ConfigError that names the mailbox,
 * the field and the file for a card that can never be valid.
 */
export async function checkMailboxCards(
  mailbox: string,
  files: readonly CardFile[],
  keys: readonly RecipientKey[],
  now: Date,
): Promise<{ cards: CheckedCard[]; warnings: CardWarning[]; lastsUntil: string | null }> {
  const cards: CheckedCard[] = [];
  const warnings: CardWarning[] = [];
  const valid: { source: string; card: MailboxCard; key: RecipientKey; keyEnd: KeyEnd | null }[] = [];
  for (const file of files) {
    const result = await verifyWithAnyKey(file.armored, keys, mailbox, now);
    if ('card' in result) {
      valid.push({ source: file.source, card: result.card, key: result.key, keyEnd: await keyEndOf(result.card, result.key) });
      cards.push({ source: file.source, validUntil: result.card.expiresAt });
      continue;
    }
    const { code, message } = result;
    if (OUT_OF_DATE.has(code)) {
      cards.push({ source: file.source, validUntil: null });
      warnings.push({
        event: code as CardWarningEvent,
        mailbox,
        card: file.source,
        message:
          code === 'card-not-yet-valid'
            ? `${message} Widgets ignore it until its issuedAt has passed.`
            : code === 'card-key-unusable'
              ? `${message} Widgets ignore it. After a subkey rotation that is expected of the old card: remove it from the mailbox's cards. Otherwise check that the mailbox's publicKeys file is the key the card was made for.`
              : `${message} Widgets ignore it: remove it from the mailbox's cards.`,
      });
      continue;
    }
    const reason =
      code === 'card-bad-signature'
        ? "The card is not signed by the primary key of any of this mailbox's publicKeys (another key or a subkey signed it, or it was changed after signing)."
        : message;
    throw new ConfigError(
      `${file.field}: mailbox "${mailbox}", card ${file.source}: ${reason} Make a new card with vp-counsellor card, or remove this one from the mailbox's cards.`,
    );
  }

  let lastsUntil: string | null = null;
  if (valid.length === 0) {
    warnings.push({
      event: 'no-valid-card',
      mailbox,
      message: `${files.length === 0 ? 'This mailbox has no mailbox card' : 'No mailbox card of this mailbox is valid now'}: widgets refuse to send to it (they offer the provider's phone number and e-mail address instead) until there is one. ${NEW_CARD}`,
    });
  } else {
    // Widgets fall back to an older valid card when the newest stops being valid, so what matters
    // is when the last one does: from then on nobody can send. A card is valid only while the key
    // it needs is (card-key-unusable), so a key that expires first ends it on that day.
    const endOf = (v: (typeof valid)[number]) => Math.min(Date.parse(v.card.expiresAt), v.keyEnd?.at.getTime() ?? Infinity);
    const last = valid.reduce((a, b) => (endOf(b) > endOf(a) ? b : a));
    lastsUntil = new Date(endOf(last)).toISOString();
    const soon = endOf(last) - now.getTime() < CARD_EXPIRY_WARNING_DAYS * DAY_MS;
    const keyFirst = last.keyEnd !== null && last.keyEnd.at.getTime() < Date.parse(last.card.expiresAt);
    if (soon && keyFirst) {
      const { at, subkey } = last.keyEnd!;
      const fingerprint = last.key.fingerprint.toUpperCase();
      const expiresAt = at.toISOString();
      const what =
        subkey === undefined
          ? `The mailbox key ${fingerprint} expires on ${expiresAt}, before the last valid mailbox card of this mailbox (${last.source}) does. After this date the widget refuses the key and nobody can send: add a new key to the mailbox in time (vp-counsellor keygen; employers then need its fingerprint in their embed code), with a card for it (vp-counsellor card), and restart the relay.`
          : `The encryption subkey ${subkey} of the mailbox key ${fingerprint} expires on ${expiresAt}, before the last valid mailbox card of this mailbox (${last.source}) does. After this date the widget refuses the key and nobody can send: replace the subkey in time (vp-counsellor rotate), put the new public key and a new card (vp-counsellor card) in the mailbox, and restart the relay.`;
      // The same fields the start logs for a key close to its expiry (server.ts): no card field.
      warnings.push({ event: 'key-expires-soon', mailbox, fingerprint, expiresAt, message: what });
    } else if (soon) {
      warnings.push({
        event: 'card-expires-soon',
        mailbox,
        card: last.source,
        expiresAt: last.card.expiresAt,
        message: `The last valid mailbox card of this mailbox expires on ${last.card.expiresAt}. After that, widgets refuse to send to this mailbox until there is a new card. ${NEW_CARD}`,
      });
    }
  }
  return { cards, warnings, lastsUntil };
}

/** When a valid card stops being valid because a key it needs expires; which subkey, when it is one. */
interface KeyEnd {
  readonly at: Date;
  /** The encryption subkey's fingerprint (upper-case hex), when that is what expires first. */
  readonly subkey?: string;
}

/**
 * The earliest expiry among what the card needs (verifyMailboxCard): the primary key that signed
 * it, and every (sub)key in its encryptionKeys (each must still encrypt). Null: none expires.
 */
async function keyEndOf(card: MailboxCard, key: RecipientKey): Promise<KeyEnd | null> {
  let end: KeyEnd | null = key.expiresAt === null ? null : { at: key.expiresAt };
  for (const subkey of key.key.getSubkeys()) {
    const fingerprint = normalizeFingerprint(subkey.getFingerprint());
    if (!card.encryptionKeys.includes(fingerprint)) continue;
    const expires = await subkey.getExpirationTime();
    if (expires instanceof Date && (end === null || expires.getTime() < end.at.getTime())) {
      end = { at: expires, subkey: fingerprint.toUpperCase() };
    }
  }
  return end;
}

/**
 * The card's content if it verifies with one of `keys`; else the most telling failure: the one
 * from the key that signed it (which got past the signature) over "not signed by this key".
 */
async function verifyWithAnyKey(
  armored: string,
  keys: readonly RecipientKey[],
  mailbox: string,
  date: Date,
): Promise<{ card: MailboxCard; key: RecipientKey } | { code: string; message: string }> {
  const failures: { code: string; message: string }[] = [];
  for (const key of keys) {
    try {
      return { card: await verifyMailboxCard(armored, key, { mailbox, date }), key };
    } catch (error) {
      if (!isProtocolError(error)) throw error;
      failures.push({ code: error.code, message: error.message });
    }
  }
  const rank = (code: string) => (code === 'card-bad-signature' ? 0 : code === 'card-invalid' ? 1 : 2);
  return failures.reduce((best, failure) => (rank(failure.code) > rank(best.code) ? failure : best));
}
