/** Dates, times and time left, in the counsellor's language and in words (never colour alone). */
import type { InboxItem } from './api.js';
import type { Lang, Messages } from './messages.js';

const locale = (lang: Lang) => (lang === 'nl' ? 'nl-NL' : 'en-GB');

export const dateTime = (lang: Lang, iso: string) =>
  new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

export const date = (lang: Lang, isoDate: string) =>
  new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium' }).format(new Date(isoDate.length === 10 ? `${isoDate}T12:00:00` : isoDate));

/** "10:42" today, else the date and time: as in "last fetched 10:42". */
export function clock(lang: Lang, iso: string, now = new Date()): string {
  const at = new Date(iso);
  const sameDay = at.toDateString() === now.toDateString();
  return new Intl.DateTimeFormat(locale(lang), sameDay ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

/** A duration in the largest sensible unit: days and hours from two days on, else hours, else minutes. */
export function duration(t: Messages, minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return t.timeLeft.minutes(m);
  const hours = Math.floor(m / 60);
  if (hours < 48) return t.timeLeft.hours(hours);
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest === 0 ? t.timeLeft.days(days) : `${t.timeLeft.days(days)}, ${t.timeLeft.hours(rest)}`;
}

/** The time left until the promised first contact, in words: overdue and almost due say so. */
export function timeLeft(t: Messages, item: Pick<InboxItem, 'due' | 'minutesLeft'>): string {
  if (item.due === 'stopped' || item.minutesLeft === null) return t.timeLeft.done;
  if (item.due === 'overdue') return t.timeLeft.overdue(duration(t, -item.minutesLeft));
  if (item.due === 'almost-due') return t.timeLeft.almostDue(duration(t, item.minutesLeft));
  return t.timeLeft.left(duration(t, item.minutesLeft));
}

/** Today as YYYY-MM-DD in local time, for a date field's value. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
