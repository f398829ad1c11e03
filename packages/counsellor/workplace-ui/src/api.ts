/**
 * The one place the pages talk to the local server (`vp-counsellor serve`): same-origin JSON
 * under /api/, with the session cookie the server set when the one-time link was opened. The
 * browser adds the page's own Origin to every POST, which the server checks.
 */
import type { Lang } from './messages.js';

type Status = 'new' | 'contacted' | 'in-progress' | 'closed' | 'forwarded';
type Due = 'overdue' | 'almost-due' | 'on-time' | 'stopped';

/** One line of the inbox (API.md: InboxItem). */
export interface InboxItem {
  id: number;
  employer: string;
  mailboxId: string;
  reference: string;
  receivedAt: string;
  urgent: boolean;
  status: Status;
  dueAt: string;
  contactedAt: string | null;
  /** Negative when overdue; null once contacted (the response clock stopped). */
  minutesLeft: number | null;
  due: Due;
  topics: string[];
  reachBy: ('phone' | 'email')[];
  name: string | null;
}

interface ContactDetails {
  phone?: string;
  email?: string;
  preferredTimes?: string;
  voicemailAllowed?: boolean;
  mayIdentifyCaller?: boolean;
}

/** The decrypted request, as @vp-contact/protocol's ContactRequest. */
interface RequestDetails {
  reference: string;
  submittedAt: string;
  language: string;
  name?: string;
  contact: ContactDetails;
  meeting?: string;
  conversationLanguage?: string;
  region?: string;
  unit?: string;
  topics?: string[];
  message?: string;
  urgent: boolean;
  hrNotice: string;
}

export interface Registration {
  unit: string | null;
  region: string | null;
  categories: string[];
  reporterRole: string;
  support: string[];
  outcome: string;
  contacts: number;
}

interface Appointment {
  id: number;
  at: string;
  channel: string;
  place: string | null;
  outcome: null | 'held' | 'cancelled' | 'no-show';
  outcomeAt: string | null;
}

/** A case file (API.md: Case). */
export interface CaseFile extends InboxItem {
  request: RequestDetails;
  responseHours: number;
  statusHistory: { status: Status; at: string }[];
  notes: { id: number; at: string; text: string }[];
  appointments: Appointment[];
  time: { id: number; on: string; minutes: number; activity: string | null }[];
  totalMinutes: number;
  hr: null | { notified: boolean; consent: string; at: string; note: string | null };
  referrals: { id: number; to: string; detail: string | null; at: string }[];
  registration: Registration | null;
  forwardedTo: null | { name: string; at: string };
  /** A case a colleague forwarded here: who, when, and the case so far in plain text. */
  forwardedFrom?: null | { name: string; at: string; summary: string };
}

interface MailboxStatus {
  state: 'never' | 'fetching' | 'ok' | 'relay-unreachable' | 'token-refused' | 'error';
  lastFetchedAt: string | null;
  lastAttemptAt: string | null;
  message: string | null;
  newCases: number;
}

export interface Mailbox {
  id: string;
  employer: string;
  relay: string;
  mailbox: string;
  responseHours: number;
  /** The promise in working days, when it is set so for this mailbox (it then decides the due time). */
  responseWorkingDays: number | null;
  /** null until the first fetch of this session. */
  status: MailboxStatus | null;
}

export interface Colleague {
  name: string;
  relay: string;
  mailbox: string;
}

export interface Session {
  unlocked: boolean;
  lang: Lang;
  idleMinutes: number;
  lockedBecause: null | 'idle' | 'lock' | 'start';
  employers: string[];
}

/** A request to remind the counsellor of (API.md: Reminders). */
type ReminderItem = Pick<InboxItem, 'id' | 'reference' | 'employer' | 'urgent' | 'dueAt' | 'minutesLeft' | 'due'>;

export interface Reminders {
  reminderHours: number;
  unlocked: boolean;
  /** Requests needing a first contact within reminderHours, or overdue. */
  count: number;
  /** Those requests; empty while locked (then the app knows only how many). */
  items: ReminderItem[];
}

export interface InboxFilter {
  /** A reference, or its start, as typed (any case, with or without the dash). */
  reference?: string;
  employer?: string;
  status?: string;
  needsFirstContact?: boolean;
}

/** A refusal by the server: its error code and, for a form, a code per field. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** The field at fault, as the server names it (e.g. "notes.text"), if any. */
    readonly field: string | null = null,
    /** The server's own English sentence: shown only as a detail. */
    readonly detail: string | null = null,
  ) {
    super(code);
  }
}

async function call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/${path}`, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'server-down');
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // A body that is not JSON (a proxy's page, a 403 in plain text) is judged by the status alone.
  }
  if (!response.ok) {
    const error = ((parsed as { error?: unknown } | undefined)?.error ?? {}) as { code?: unknown; field?: unknown; message?: unknown };
    const text = (value: unknown) => (typeof value === 'string' ? value : null);
    throw new ApiError(response.status, text(error.code) ?? `http-${response.status}`, text(error.field), text(error.message));
  }
  return parsed as T;
}

const id = (value: string | number) => encodeURIComponent(String(value));
const change = async (path: string, body: unknown, method: 'POST' | 'PUT' = 'POST') => (await call<{ case: CaseFile }>(method, path, body)).case;

export const api = {
  session: () => call<Session>('GET', 'session'),
  unlock: (passphrase: string) => call<{ unlocked: true }>('POST', 'unlock', { passphrase }),
  lock: () => call<{ unlocked: false }>('POST', 'lock', {}),
  setLang: (lang: Lang) => call<{ lang: Lang }>('POST', 'session/lang', { lang }),
  inbox: (filter: InboxFilter = {}) => {
    const query = new URLSearchParams();
    if (filter.employer) query.set('employer', filter.employer);
    if (filter.status) query.set('status', filter.status);
    if (filter.needsFirstContact) query.set('needsFirstContact', 'true');
    if (filter.reference) query.set('reference', filter.reference);
    const q = query.toString();
    return call<{ items: InboxItem[]; unreadable?: { mailbox: string; file: string; message: string }[] }>('GET', q ? `inbox?${q}` : 'inbox');
  },
  mailboxes: () => call<{ mailboxes: Mailbox[] }>('GET', 'mailboxes'),
  fetchNow: () => call<{ mailboxes: Mailbox[] }>('POST', 'fetch', {}),
  testMailbox: (body: { relay: string; mailbox: string; tokenFile: string }) => call<{ ok: true; waiting: number }>('POST', 'mailboxes/test', body),
  addMailbox: (body: { employer: string; relay: string; mailbox: string; tokenFile: string; responseHours?: number; responseWorkingDays?: number }) =>
    call<{ mailbox: Mailbox }>('POST', 'mailboxes', body),
  reminders: () => call<Reminders>('GET', 'reminders'),
  setReminderHours: (hours: number) => call<{ reminderHours: number }>('PUT', 'settings/reminders', { hours }),
  colleagues: () => call<{ colleagues: Colleague[] }>('GET', 'colleagues'),
  addColleague: (body: Colleague & { publicKey: string }) => call<{ colleague: Colleague }>('POST', 'colleagues', body),
  case: async (caseId: number) => (await call<{ case: CaseFile }>('GET', `cases/${id(caseId)}`)).case,
  setStatus: (caseId: number, status: 'contacted' | 'in-progress') => change(`cases/${id(caseId)}/status`, { status }),
  close: (caseId: number, registration: Registration) => change(`cases/${id(caseId)}/status`, { status: 'closed', registration }),
  saveRegistration: (caseId: number, registration: Registration) => change(`cases/${id(caseId)}/registration`, registration, 'PUT'),
  addNote: (caseId: number, text: string) => change(`cases/${id(caseId)}/notes`, { text }),
  addTime: (caseId: number, on: string, minutes: number) => change(`cases/${id(caseId)}/time`, { on, minutes }),
  addAppointment: (caseId: number, body: { at: string; channel: string; place?: string }) => change(`cases/${id(caseId)}/appointments`, body),
  setOutcome: (caseId: number, appointmentId: number, outcome: string) =>
    change(`cases/${id(caseId)}/appointments/${id(appointmentId)}/outcome`, { outcome }),
  setHr: (caseId: number, notified: boolean, consent: string) => change(`cases/${id(caseId)}/hr`, { notified, consent }),
  addReferral: (caseId: number, to: string, detail: string) => change(`cases/${id(caseId)}/referrals`, detail ? { to, detail } : { to }),
  forward: (caseId: number, colleague: string, includeNotes: boolean) => change(`cases/${id(caseId)}/forward`, { colleague, includeNotes }),
};
