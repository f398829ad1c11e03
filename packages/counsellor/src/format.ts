/**
 * Laying requests out for a person: the list as a table, one request in full. Only to a stream
 * the counsellor reads; never to a file. Text from the form is the employee's: shown, but never
 * allowed to steer the terminal or (outside the message) to break a line: printable() below, and
 * the CLI's output passes through it again as a whole.
 */
import type { ContactRequest } from '@vp-contact/protocol/schema';
import type { InboxEntry } from './inbox.js';
import type { Messages } from './i18n.js';
import { printable } from './printable.js';

/** A fingerprint as gpg prints it, in upper-case groups of four, so a person can compare it aloud. */
export const groupedFingerprint = (fingerprint: string): string => fingerprint.toUpperCase().replace(/(.{4})/g, '$1 ').trim();

/** Local date and time, minutes precision: 2026-11-24 10:30. */
function localTime(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Whole hours left of the promised response time, or (overdue) whole hours past it. */
export function hoursLeft(receivedAt: string, responseHours: number, now: Date = new Date()): { hours: number; overdue: boolean } {
  const deadline = new Date(receivedAt).getTime() + responseHours * 3_600_000;
  const ms = deadline - now.getTime();
  return { hours: Math.floor(Math.abs(ms) / 3_600_000), overdue: ms < 0 };
}

function timeLeft(t: Messages, left: { hours: number; overdue: boolean }): string {
  return left.overdue ? t.overdue(left.hours) : t.hoursLeft(left.hours);
}

function reach(request: ContactRequest): string {
  return [request.contact.phone, request.contact.email].filter(Boolean).join(', ');
}

function oneLine(text: string, max: number): string {
  const flat = printable(text.replace(/\s+/g, ' '));
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export interface ListRow {
  readonly entry: InboxEntry;
  readonly request: ContactRequest;
}

export function formatTable(rows: readonly ListRow[], t: Messages, responseHours: number, now: Date = new Date()): string {
  const c = t.columns;
  const header = [c.received, c.reference, c.name, c.reach, c.topics, c.urgent, c.left];
  const lines = rows.map(({ entry, request }) => [
    localTime(entry.receivedAt),
    request.reference,
    oneLine(request.name ?? t.anonymous, 30),
    oneLine(reach(request), 45),
    oneLine((request.topics ?? []).map((topic) => t.topics[topic]).join(', '), 40),
    request.urgent ? t.urgent : '',
    timeLeft(t, hoursLeft(entry.receivedAt, responseHours, now)),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i]!.length)));
  const render = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return [render(header), render(widths.map((w) => '-'.repeat(w))), ...lines.map(render)].join('\n') + '\n';
}

export function formatRequest(entry: InboxEntry, request: ContactRequest, t: Messages, responseHours: number, now: Date = new Date()): string {
  const f = t.fields;
  const yesNo = (value: boolean | undefined) => (value === undefined ? t.notSaid : value ? t.yes : t.no);
  const deadline = new Date(new Date(entry.receivedAt).getTime() + responseHours * 3_600_000).toISOString();
  const rows: [string, string | undefined][] = [
    [f.reference, request.reference],
    [f.urgent, request.urgent ? t.urgent : t.no],
    [f.received, localTime(entry.receivedAt)],
    [f.respondBy, `${localTime(deadline)} (${timeLeft(t, hoursLeft(entry.receivedAt, responseHours, now))})`],
    [f.name, request.name ?? t.anonymous],
    [f.phone, request.contact.phone],
    [f.email, request.contact.email],
    [f.preferredTimes, request.contact.preferredTimes],
    [f.voicemail, yesNo(request.contact.voicemailAllowed)],
    // Newer forms ask separately; an older request's voicemail answer covered messages too.
    ...(request.contact.textMessagesAllowed === undefined ? [] : [[f.textMessages, yesNo(request.contact.textMessagesAllowed)] as [string, string]]),
    [f.identify, yesNo(request.contact.mayIdentifyCaller)],
    [f.meeting, request.meeting && t.meetings[request.meeting]],
    [f.conversationLanguage, request.conversationLanguage],
    [f.formLanguage, t.formLanguages[request.language]],
    [f.region, request.region],
    [f.unit, request.unit],
    [f.topics, request.topics && request.topics.map((topic) => t.topics[topic]).join(', ')],
    [f.hrNotice, t.hrNotices[request.hrNotice]],
    [f.submitted, localTime(request.submittedAt)],
    [f.file, entry.file],
  ];
  const present = rows.filter((row): row is [string, string] => row[1] !== undefined && row[1] !== '');
  const width = Math.max(...present.map(([label]) => label.length)) + 1;
  const lines = present.map(([label, value]) => `${`${label}:`.padEnd(width)}  ${printable(value)}`);
  if (request.message !== undefined && request.message.trim() !== '') {
    lines.push('', `${f.message}:`, ...printable(request.message, { multiline: true }).split('\n').map((line) => `  ${line}`));
  }
  return lines.join('\n') + '\n';
}
