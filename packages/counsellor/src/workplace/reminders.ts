/**
 * Reminders: requests that have not had a first contact yet ("new") and have less than the
 * counsellor's reminder time left (default 8 hours), overdue ones included, most pressing first:
 * the ones the inbox calls almost due or overdue (inbox-view.ts dueState).
 *
 * While the register is locked the app cannot read it, yet a reminder matters most when the
 * counsellor has walked away. So when it locks, the app keeps in memory only *when* each waiting
 * request is due: no reference, no employer, nothing of the request. The relay knows as much (when
 * a request came in), and it is gone when the app stops. While locked, a reminder is a count.
 */
import type { Register } from './register.js';
import { dueState, listInbox, type InboxItem } from './inbox-view.js';

type ReminderItem = Pick<InboxItem, 'id' | 'reference' | 'employer' | 'urgent' | 'dueAt' | 'minutesLeft' | 'due'>;

export interface Reminders {
  readonly reminderHours: number;
  readonly unlocked: boolean;
  /** How many requests need a first contact within reminderHours (or are overdue). */
  readonly count: number;
  /** Those requests, when unlocked; empty while locked. */
  readonly items: readonly ReminderItem[];
}

const within = (dueAt: string, reminderHours: number, now: Date) => dueState({ status: 'new', dueAt }, now, reminderHours).due !== 'on-time';

/** When each request still waiting for a first contact is due: what the app keeps while locked. */
export function waitingDueTimes(register: Register): string[] {
  return register
    .cases()
    .filter((row) => row.status === 'new')
    .map((row) => row.dueAt);
}

/** The reminders from the open register: urgent first, then soonest due (the inbox's order). */
export function remindersFromRegister(register: Register, reminderHours: number, now: Date): Reminders {
  const items = listInbox(register, { status: 'new' }, now, reminderHours)
    .filter((item) => item.due === 'overdue' || item.due === 'almost-due')
    .map(({ id, reference, employer, urgent, dueAt, minutesLeft, due }) => ({ id, reference, employer, urgent, dueAt, minutesLeft, due }));
  return { reminderHours, unlocked: true, count: items.length, items };
}

/** The reminders while locked: only how many, from the due times kept at locking. */
export function remindersWhileLocked(dueTimes: readonly string[], reminderHours: number, now: Date): Reminders {
  return { reminderHours, unlocked: false, count: dueTimes.filter((dueAt) => within(dueAt, reminderHours, now)).length, items: [] };
}
