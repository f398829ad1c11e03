/**
 * The inbox over every mailbox: what is most pressing first. Urgent requests that still wait for
 * a first contact lead; then those waiting, by the time left until the promised response
 * (overdue first); then the rest, newest first. "Overdue" and "almost due" are words in the data,
 * so the pages never say it by colour alone. "Almost due" is the counsellor's own reminder time
 * (reminderHours, default 8): the inbox says it of exactly the requests the reminder names.
 */
import * as v from 'valibot';
import { compactReferenceStart } from '@vp-contact/protocol/schema';
import { foldEntries, type CaseFile } from './case-file.js';
import { parseBody } from './case-file.js';
import type { CaseRow, CaseStatus, Register } from './register.js';

export type Due = 'overdue' | 'almost-due' | 'on-time' | 'stopped';

export interface InboxItem {
  readonly id: number;
  readonly employer: string;
  readonly mailboxId: string;
  readonly reference: string;
  readonly receivedAt: string;
  readonly urgent: boolean;
  readonly status: CaseStatus;
  readonly dueAt: string;
  readonly contactedAt: string | null;
  readonly minutesLeft: number | null;
  readonly due: Due;
  readonly topics: readonly string[];
  readonly reachBy: readonly ('phone' | 'email')[];
  readonly name: string | null;
}

/** Still waiting for a first contact with less than the reminder time left: almost due. */
export function dueState(row: Pick<CaseRow, 'status' | 'dueAt'>, now: Date, reminderHours: number): { minutesLeft: number | null; due: Due } {
  if (row.status !== 'new') return { minutesLeft: null, due: 'stopped' };
  const left = Date.parse(row.dueAt) - now.getTime();
  const minutesLeft = Math.floor(left / 60_000);
  if (left < 0) return { minutesLeft, due: 'overdue' };
  if (left < reminderHours * 3_600_000) return { minutesLeft, due: 'almost-due' };
  return { minutesLeft, due: 'on-time' };
}

function inboxItem(row: CaseRow, now: Date, reminderHours: number): InboxItem {
  const reachBy: ('phone' | 'email')[] = [];
  if (row.request.contact.phone) reachBy.push('phone');
  if (row.request.contact.email) reachBy.push('email');
  return {
    id: row.id,
    employer: row.employer,
    mailboxId: row.mailboxId,
    reference: row.request.reference,
    receivedAt: row.receivedAt,
    urgent: row.request.urgent,
    status: row.status,
    dueAt: row.dueAt,
    contactedAt: row.contactedAt,
    ...dueState(row, now, reminderHours),
    topics: row.request.topics ?? [],
    reachBy,
    name: row.request.name ?? null,
  };
}

/** A reference as a person types or reads it out: any case, spaces and dashes left out, the start or all of it. */
const referenceQuery = v.pipe(
  v.string(),
  v.check((s) => compactReferenceStart(s) !== null, 'must be (part of) a reference such as K7P-4QX: letters and digits without 0, O, 1, I and L'),
  v.transform((s) => compactReferenceStart(s)!),
);

const InboxQuerySchema = v.strictObject({
  reference: v.optional(referenceQuery),
  employer: v.optional(v.pipe(v.string(), v.maxLength(100, 'must be at most 100 characters'))),
  status: v.optional(v.picklist(['new', 'contacted', 'in-progress', 'closed', 'forwarded'], 'must be one of new, contacted, in-progress, closed, forwarded')),
  needsFirstContact: v.optional(v.picklist(['true', 'false'], 'must be true or false')),
});

function compare(a: InboxItem, b: InboxItem): number {
  const waitingA = a.due !== 'stopped';
  const waitingB = b.due !== 'stopped';
  if (waitingA !== waitingB) return waitingA ? -1 : 1;
  if (waitingA) {
    if (a.urgent !== b.urgent) return a.urgent ? -1 : 1;
    if (a.dueAt !== b.dueAt) return a.dueAt < b.dueAt ? -1 : 1;
  }
  if (a.receivedAt !== b.receivedAt) return a.receivedAt < b.receivedAt ? 1 : -1;
  return b.id - a.id;
}

export function listInbox(register: Register, query: Record<string, string>, now: Date, reminderHours: number): InboxItem[] {
  const q = parseBody(InboxQuerySchema, query);
  // A status filter is the database's to apply: the reminders ask every 20 s for the "new" ones only.
  return register
    .cases(q.status)
    .map((row) => inboxItem(row, now, reminderHours))
    .filter((item) => q.employer === undefined || item.employer === q.employer)
    .filter((item) => q.status === undefined || item.status === q.status)
    .filter((item) => q.needsFirstContact !== 'true' || item.status === 'new')
    .filter((item) => q.reference === undefined || item.reference.replace('-', '').startsWith(q.reference))
    .sort(compare);
}

export type CaseDetail = InboxItem & CaseFile & { readonly request: CaseRow['request']; readonly responseHours: number };

export function caseDetail(register: Register, row: CaseRow, now: Date, reminderHours: number): CaseDetail {
  return { ...inboxItem(row, now, reminderHours), request: row.request, responseHours: row.responseHours, ...foldEntries(register.entries(row.id)) };
}
