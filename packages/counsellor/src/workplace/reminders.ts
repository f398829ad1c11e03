/**
 * Reminders: requests that have not had a first contact yet ("new") and are urgent (the employee
 * ticked it: reminded of at once, not only near the deadline), or have less than the counsellor's
 * reminder time left (default 8 hours), overdue ones included; in the inbox's order, urgent first.
 * The time-based ones are what the inbox calls almost due or overdue (inbox-view.ts dueState).
 *
 * While the register is locked the app cannot read it, yet a reminder matters most when the
 * counsellor has walked away. So when it locks, the app keeps in memory only *when* each waiting
 * request is due and whether it is urgent: no id, reference or employer, nothing else of the
 * request. It is gone when the app stops. While locked, a reminder is a count.
 */
import type { Register } from './register.js';
import { dueState, listInbox, type Due, type InboxItem } from './inbox-view.js';

type ReminderItem = Pick<InboxItem, 'id' | 'reference' | 'employer' | 'urgent' | 'dueAt' | 'minutesLeft' | 'due'>;

export interface Reminders {
  readonly reminderHours: number;
  readonly unlocked: boolean;
  /** How many requests need a first contact: urgent, within reminderHours, or overdue. */
  readonly count: number;
  /** Those requests, when unlocked; empty while locked. */
  readonly items: readonly ReminderItem[];
}

/** What the app keeps of a waiting request while locked. */
export interface Waiting {
  readonly dueAt: string;
  readonly urgent: boolean;
}

/** Urgent, or almost due, or overdue. */
const reminded = (urgent: boolean, due: Due) => urgent || due !== 'on-time';

/** When each request still waiting for a first contact is due, and whether it is urgent. */
export function waitingRequests(register: Register): Waiting[] {
  return register.cases('new').map((row) => ({ dueAt: row.dueAt, urgent: row.request.urgent }));
}

/** The reminders from the open register, in the inbox's order. */
export function remindersFromRegister(register: Register, reminderHours: number, now: Date): Reminders {
  const items = listInbox(register, { status: 'new' }, now, reminderHours)
    .filter((item) => reminded(item.urgent, item.due))
    .map(({ id, reference, employer, urgent, dueAt, minutesLeft, due }) => ({ id, reference, employer, urgent, dueAt, minutesLeft, due }));
  return { reminderHours, unlocked: true, count: items.length, items };
}

/** The reminders while locked: only how many, from what was kept at locking. */
export function remindersWhileLocked(waiting: readonly Waiting[], reminderHours: number, now: Date): Reminders {
  return { reminderHours, unlocked: false, count: waiting.filter((w) => reminded(w.urgent, dueState({ status: 'new', dueAt: w.dueAt }, now, reminderHours).due)).length, items: [] };
}
