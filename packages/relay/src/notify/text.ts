/**
 * What a notice says. Only what the relay knows and the reader needs: the mailbox's display name,
 * how many requests wait and how long the oldest has waited, or which key or card expires when.
 * Never a reference, a request id, a size, an origin or a topic: the relay has none of those in
 * plain text, and a notice may be read by more people than the counsellor (a shared inbox, a
 * channel). The e-mail subject is one fixed line for every notice, so a list of subjects says
 * nothing either.
 */

export type NoticeLang = 'nl' | 'en';

export const NOTICE_SUBJECT: Record<NoticeLang, string> = {
  nl: 'Melding van de contactrelay',
  en: 'Notice from the contact relay',
};

export type NoticeFacts =
  | { readonly kind: 'arrival' | 'reminder'; readonly waiting: number; readonly oldestReceivedAt: string; readonly responseHours: number }
  | { readonly kind: 'key-expiry' | 'card-expiry'; readonly expiresAt: Date; readonly daysBefore: number };

export interface NoticeText {
  readonly subject: string;
  readonly text: string;
}

const HOUR_MS = 3_600_000;

function duration(ms: number, lang: NoticeLang): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 1) return lang === 'nl' ? 'minder dan een minuut' : 'less than a minute';
  if (minutes < 60) return lang === 'nl' ? `${minutes} ${minutes === 1 ? 'minuut' : 'minuten'}` : `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return lang === 'nl' ? `${hours} uur` : `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  const days = Math.floor(hours / 24);
  return lang === 'nl' ? `${days} dagen` : `${days} days`;
}

function clock(at: Date, lang: NoticeLang, timeZone: string): string {
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    timeZone,
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

function day(at: Date, lang: NoticeLang, timeZone: string): string {
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(at);
}

/** The notice's subject and text, in the mailbox's language, as of `now`. */
export function noticeText(displayName: string, facts: NoticeFacts, now: Date, lang: NoticeLang, timeZone: string): NoticeText {
  const subject = NOTICE_SUBJECT[lang];
  if (!('expiresAt' in facts)) {
    const oldest = new Date(facts.oldestReceivedAt);
    const waited = duration(now.getTime() - oldest.getTime(), lang);
    const since = clock(oldest, lang, timeZone);
    const n = facts.waiting;
    const left = oldest.getTime() + facts.responseHours * HOUR_MS - now.getTime();
    if (lang === 'nl') {
      const head = `${displayName}: ${n === 1 ? '1 verzoek wacht' : `${n} verzoeken wachten`}; het oudste wacht sinds ${since} (${waited}).`;
      const tail =
        facts.kind === 'reminder'
          ? left > 0
            ? ` Van de reactietermijn van ${facts.responseHours} uur is nog ${duration(left, lang)} over.`
            : ` De reactietermijn van ${facts.responseHours} uur is voorbij.`
          : '';
      return { subject, text: `${head}${tail} Haal ${n === 1 ? 'het' : 'ze'} op met vp-counsellor pull.` };
    }
    const head = `${displayName}: ${n === 1 ? '1 request is' : `${n} requests are`} waiting; the oldest has waited since ${since} (${waited}).`;
    const tail =
      facts.kind === 'reminder'
        ? left > 0
          ? ` ${duration(left, lang)} of the ${facts.responseHours}-hour response time ${left < 2 * HOUR_MS ? 'is' : 'are'} left.`
          : ` The ${facts.responseHours}-hour response time has passed.`
        : '';
    return { subject, text: `${head}${tail} Collect ${n === 1 ? 'it' : 'them'} with vp-counsellor pull.` };
  }
  const when = day(facts.expiresAt, lang, timeZone);
  if (lang === 'nl') {
    const what = facts.kind === 'key-expiry' ? 'een sleutel van dit postvak' : 'de laatste geldige postvakkaart';
    const effect =
      facts.kind === 'key-expiry'
        ? 'Maak op tijd een nieuwe sleutel (vp-counsellor rotate) en zet de nieuwe publieke sleutel in de configuratie van de relay.'
        : 'Daarna kan het formulier niet meer versturen. Maak op tijd een nieuwe kaart (vp-counsellor card) en zet die in de configuratie van de relay.';
    return { subject, text: `${displayName}: ${what} verloopt over ${facts.daysBefore} ${facts.daysBefore === 1 ? 'dag' : 'dagen'}, op ${when}. ${effect}` };
  }
  const what = facts.kind === 'key-expiry' ? 'a key of this mailbox' : 'the last valid mailbox card';
  const effect =
    facts.kind === 'key-expiry'
      ? 'Make a new key in time (vp-counsellor rotate) and put the new public key in the relay configuration.'
      : 'After that the form can no longer send. Make a new card in time (vp-counsellor card) and add it to the relay configuration.';
  return { subject, text: `${displayName}: ${what} expires in ${facts.daysBefore} ${facts.daysBefore === 1 ? 'day' : 'days'}, on ${when}. ${effect}` };
}
