/**
 * The case file: what a counsellor records about a case, checked before anything is written, and
 * the case as its history adds up. Every change is one entry in the register (append-only), so an
 * earlier state (a changed registration, an appointment's outcome) is never lost; issue #13's
 * yearly report and registration history read the same entries.
 */
import * as v from 'valibot';
import { TOPICS } from '@vp-contact/protocol';
import { textLine, UNSAFE_IN_TEXT } from '@vp-contact/protocol/http';
import { WorkplaceError } from './errors.js';
import type { CaseRow, CaseStatus, Entry, Register } from './register.js';

const NOTE_MAX_LENGTH = 10_000;
const REFERRAL_TARGETS = ['company-doctor', 'gp', 'complaints-committee', 'police', 'other'] as const;
const APPOINTMENT_CHANNELS = ['phone', 'video', 'in-person'] as const;
const APPOINTMENT_OUTCOMES = ['held', 'cancelled', 'no-show'] as const;
const HR_CONSENTS = ['named', 'anonymous', 'none'] as const;
/** The request's topics, plus what issue #13 adds for registration. */
export const CATEGORIES = [...TOPICS.filter((t) => t !== 'not-sure'), 'integrity', 'work-pressure', 'conflict'] as const;
export const REPORTER_ROLES = ['affected', 'witness', 'colleague'] as const;
export const SUPPORT_KINDS = ['listening', 'advice', 'mediation-arranged', 'accompanied', 'complaint-help', 'referral'] as const;
export const OUTCOMES = ['solved-informally', 'formal-complaint', 'referred', 'stopped-by-employee', 'no-further-action'] as const;

const oneOf = <const T extends readonly string[]>(values: T) => v.picklist(values, `must be one of ${values.join(', ')}`);
const line = textLine;
const optionalLine = (max: number) => v.optional(v.nullable(line(max)));
const set = <const T extends readonly string[]>(values: T) =>
  v.pipe(
    v.array(oneOf(values), 'must be a list'),
    v.minLength(1, 'must name at least one'),
    v.check((list) => new Set(list).size === list.length, 'must not name one twice'),
  );
const objectMessage = (issue: v.BaseIssue<unknown>) => (issue.expected === 'never' ? 'is not a known field' : 'must be an object');

export const RegistrationSchema = v.strictObject(
  {
    unit: optionalLine(100),
    region: optionalLine(100),
    categories: set(CATEGORIES),
    reporterRole: oneOf(REPORTER_ROLES),
    support: set(SUPPORT_KINDS),
    outcome: oneOf(OUTCOMES),
    contacts: v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(0, 'must be 0 or more'), v.maxValue(1000, 'must be at most 1000')),
  },
  objectMessage,
);
export type Registration = v.InferOutput<typeof RegistrationSchema>;

const StatusChangeSchema = v.strictObject(
  { status: oneOf(['contacted', 'in-progress', 'closed'] as const), registration: v.optional(RegistrationSchema) },
  objectMessage,
);
const NoteSchema = v.strictObject(
  {
    text: v.pipe(
      v.string('must be text'),
      v.check((s) => s.trim().length > 0, 'must not be empty'),
      v.maxLength(NOTE_MAX_LENGTH, `must be at most ${NOTE_MAX_LENGTH} characters`),
      v.check((s) => !UNSAFE_IN_TEXT.test(s), 'must not contain control characters (other than tabs and line breaks)'),
    ),
  },
  objectMessage,
);
const AppointmentSchema = v.strictObject(
  { at: v.pipe(v.string('must be text'), v.isoTimestamp('must be a date and time such as 2026-12-01T10:00:00.000Z')), channel: oneOf(APPOINTMENT_CHANNELS), place: optionalLine(200) },
  objectMessage,
);
const OutcomeSchema = v.strictObject({ outcome: oneOf(APPOINTMENT_OUTCOMES) }, objectMessage);
const TimeSchema = v.strictObject(
  {
    on: v.pipe(v.string('must be text'), v.isoDate('must be a date such as 2026-11-30')),
    minutes: v.pipe(
      v.number('must be a number'),
      v.integer('must be a whole number of minutes'),
      v.check((m) => m % 15 === 0, 'must be in quarter hours (15, 30, 45, 60, ...)'),
      v.minValue(15, 'must be at least 15'),
      v.maxValue(1440, 'must be at most 1440 (one day)'),
    ),
    activity: optionalLine(200),
  },
  objectMessage,
);
const HrSchema = v.pipe(
  v.strictObject({ notified: v.boolean('must be true or false'), consent: oneOf(HR_CONSENTS), note: optionalLine(500) }, objectMessage),
  v.check((hr) => hr.consent !== 'named' || hr.notified, 'consent "named" needs notified: true'),
);
const ReferralSchema = v.pipe(
  v.strictObject({ to: oneOf(REFERRAL_TARGETS), detail: optionalLine(200) }, objectMessage),
  v.check((r) => r.to !== 'other' || (r.detail ?? '') !== '', 'a referral to "other" needs a detail saying to whom'),
);

/** Checks a body against a schema; the error names the field and the rule, never the value. */
export function parseBody<S extends v.GenericSchema>(schema: S, body: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, body);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const field = v.getDotPath(issue) ?? undefined;
  const what = field ? `${field}: ` : '';
  throw new WorkplaceError('invalid', `${what}${issue.message}.`, field);
}

interface Note { readonly id: number; readonly at: string; readonly text: string }
interface Appointment {
  readonly id: number;
  readonly at: string;
  readonly channel: string;
  readonly place: string | null;
  outcome: string | null;
  outcomeAt: string | null;
}
interface TimeEntry { readonly id: number; readonly on: string; readonly minutes: number; readonly activity: string | null }
interface Referral { readonly id: number; readonly to: string; readonly detail: string | null; readonly at: string }

export interface CaseFile {
  readonly statusHistory: { status: CaseStatus; at: string }[];
  readonly notes: Note[];
  readonly appointments: Appointment[];
  readonly time: TimeEntry[];
  readonly totalMinutes: number;
  readonly hr: { notified: boolean; consent: string; note: string | null; at: string } | null;
  readonly referrals: Referral[];
  readonly registration: Registration | null;
  readonly forwardedTo: { name: string; at: string } | null;
  /** For a case a colleague forwarded here: who, when, and the case so far in their words. */
  readonly forwardedFrom: { name: string; at: string; summary: string } | null;
  readonly history: { id: number; at: string; kind: string; data: Record<string, unknown> }[];
}

/** The fields entries carry (each kind uses some of them; written only by CaseBook below). */
interface EntryData {
  status: CaseStatus;
  registration?: Registration;
  text: string;
  at: string;
  channel: string;
  place?: string | null;
  appointment: number;
  outcome: string;
  on: string;
  minutes: number;
  activity?: string | null;
  notified: boolean;
  consent: string;
  note?: string | null;
  to: string;
  detail?: string | null;
  name: string;
  from: string;
  forwardedAt: string;
  summary: string;
}

/** The case as its entries add up, oldest first. */
export function foldEntries(entries: readonly Entry[]): CaseFile {
  const file = {
    statusHistory: [] as { status: CaseStatus; at: string }[],
    notes: [] as Note[],
    appointments: [] as Appointment[],
    time: [] as TimeEntry[],
    totalMinutes: 0,
    hr: null as CaseFile['hr'],
    referrals: [] as Referral[],
    registration: null as Registration | null,
    forwardedTo: null as CaseFile['forwardedTo'],
    forwardedFrom: null as CaseFile['forwardedFrom'],
    history: entries.map((e) => ({ id: e.id, at: e.at, kind: e.kind, data: e.data })),
  };
  for (const e of entries) {
    const d = e.data as unknown as EntryData;
    switch (e.kind) {
      case 'created':
        file.statusHistory.push({ status: 'new', at: e.at });
        break;
      case 'status':
        file.statusHistory.push({ status: d.status, at: e.at });
        if (d.registration) file.registration = d.registration;
        break;
      case 'note':
        file.notes.push({ id: e.id, at: e.at, text: d.text });
        break;
      case 'appointment':
        file.appointments.push({ id: e.id, at: d.at, channel: d.channel, place: d.place ?? null, outcome: null, outcomeAt: null });
        break;
      case 'appointment-outcome': {
        const appointment = file.appointments.find((a) => a.id === d.appointment);
        if (appointment) {
          appointment.outcome = d.outcome;
          appointment.outcomeAt = e.at;
        }
        break;
      }
      case 'time':
        file.time.push({ id: e.id, on: d.on, minutes: d.minutes, activity: d.activity ?? null });
        file.totalMinutes += d.minutes;
        break;
      case 'hr':
        file.hr = { notified: d.notified, consent: d.consent, note: d.note ?? null, at: e.at };
        break;
      case 'referral':
        file.referrals.push({ id: e.id, to: d.to, detail: d.detail ?? null, at: e.at });
        break;
      case 'registration':
        file.registration = d.registration ?? null;
        break;
      case 'forwarded-here':
        file.forwardedFrom = { name: d.from, at: d.forwardedAt, summary: d.summary };
        break;
      case 'forwarded':
        file.statusHistory.push({ status: 'forwarded', at: e.at });
        file.forwardedTo = { name: d.name, at: e.at };
        break;
    }
  }
  return file;
}

/** The changes a counsellor makes to a case. Each checks first and writes one entry, or nothing. */
export class CaseBook {
  constructor(
    private readonly register: Register,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private existing(id: number): CaseRow {
    const row = Number.isSafeInteger(id) ? this.register.case(id) : null;
    if (!row) throw new WorkplaceError('not-found', `There is no case ${String(id)}.`);
    return row;
  }

  private open(id: number): CaseRow {
    const row = this.existing(id);
    if (row.status === 'forwarded') throw new WorkplaceError('conflict', `Case ${id} was forwarded to ${row.forwardedTo ?? 'a colleague'}; it can no longer be changed here.`);
    return row;
  }

  changeStatus(id: number, body: unknown): void {
    const input = parseBody(StatusChangeSchema, body);
    const row = this.open(id);
    const at = this.now().toISOString();
    if (input.status === row.status) throw new WorkplaceError('conflict', `Case ${id} is ${row.status} already.`, 'status');
    if (input.status === 'closed' && input.registration === undefined) {
      throw new WorkplaceError('invalid', 'registration: closing a case needs the registration fields (categories, reporter role, support, outcome, contacts).', 'registration');
    }
    if (input.status !== 'closed' && input.registration !== undefined) {
      throw new WorkplaceError('invalid', 'registration: is given only when closing a case (or with PUT .../registration).', 'registration');
    }
    const data: Record<string, unknown> = { status: input.status, ...(input.registration ? { registration: input.registration } : {}) };
    this.register.append(id, at, 'status', data, {
      status: input.status,
      // Any step past "new" means the first contact was made: the response clock stops.
      ...(row.contactedAt === null ? { contactedAt: at } : {}),
      ...(input.registration ? { registration: input.registration } : {}),
    });
  }

  addNote(id: number, body: unknown): void {
    const input = parseBody(NoteSchema, body);
    this.open(id);
    this.register.append(id, this.now().toISOString(), 'note', { text: input.text });
  }

  addAppointment(id: number, body: unknown): void {
    const input = parseBody(AppointmentSchema, body);
    this.open(id);
    const now = this.now();
    if (Date.parse(input.at) < now.getTime() - 60_000) throw new WorkplaceError('invalid', 'at: the appointment lies in the past; give a time from now on.', 'at');
    this.register.append(id, now.toISOString(), 'appointment', { at: new Date(input.at).toISOString(), channel: input.channel, place: input.place ?? null });
  }

  setAppointmentOutcome(id: number, appointmentId: number, body: unknown): void {
    const input = parseBody(OutcomeSchema, body);
    this.open(id);
    const appointment = this.register.entries(id).find((e) => e.id === appointmentId && e.kind === 'appointment');
    if (!appointment) throw new WorkplaceError('not-found', `Case ${id} has no appointment ${String(appointmentId)}.`);
    this.register.append(id, this.now().toISOString(), 'appointment-outcome', { appointment: appointmentId, outcome: input.outcome });
  }

  addTime(id: number, body: unknown): void {
    const input = parseBody(TimeSchema, body);
    this.open(id);
    const now = this.now();
    // A day's margin: the counsellor's "today" may be ahead of UTC.
    if (Date.parse(`${input.on}T00:00:00Z`) > now.getTime() + 86_400_000) throw new WorkplaceError('invalid', 'on: the date lies in the future.', 'on');
    this.register.append(id, now.toISOString(), 'time', { on: input.on, minutes: input.minutes, activity: input.activity ?? null });
  }

  setHr(id: number, body: unknown): void {
    const input = parseBody(HrSchema, body);
    this.open(id);
    this.register.append(id, this.now().toISOString(), 'hr', { notified: input.notified, consent: input.consent, note: input.note ?? null });
  }

  addReferral(id: number, body: unknown): void {
    const input = parseBody(ReferralSchema, body);
    this.open(id);
    this.register.append(id, this.now().toISOString(), 'referral', { to: input.to, detail: input.detail ?? null });
  }

  setRegistration(id: number, body: unknown): void {
    const registration = parseBody(RegistrationSchema, body);
    this.existing(id);
    this.register.append(id, this.now().toISOString(), 'registration', { registration }, { registration });
  }

  markForwarded(id: number, name: string, keptNotes: boolean): void {
    this.open(id);
    this.register.append(id, this.now().toISOString(), 'forwarded', { name, keptNotes }, { status: 'forwarded', forwardedTo: name });
  }
}
