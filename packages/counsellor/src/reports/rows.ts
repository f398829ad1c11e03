/**
 * Registration rows: what a yearly report is made of, and all a team export carries. A row holds
 * the registration fields of one case, the quarter it came in, its hours, and a case id that
 * says nothing: no reference, no name, no date finer than a quarter, no free text.
 */
import { createHash } from 'node:crypto';
import * as v from 'valibot';
import type { ContactRequest } from '@vp-contact/protocol';
import { RegistrationSchema, type Registration } from '../workplace/case-file.js';
import type { Register } from '../workplace/register.js';
import { CATEGORIES, type Category } from './vocabulary.js';

/** 32 hex digits. */
const CASE_ID_PATTERN = /^[0-9a-f]{32}$/;

export const RegistrationRowSchema = v.strictObject({
  caseId: v.pipe(v.string(), v.regex(CASE_ID_PATTERN, 'must be 32 hex digits')),
  year: v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(2100)),
  quarter: v.picklist([1, 2, 3, 4] as const),
  registration: RegistrationSchema,
  minutes: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000), v.check((m) => m % 15 === 0, 'must be in quarter hours')),
  /** This counsellor passed the case on: another row for the same case may come from the colleague. */
  forwarded: v.boolean(),
});
export type RegistrationRow = v.InferOutput<typeof RegistrationRowSchema>;

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The case id in reports and exports: a hash of the whole request as the employee sent it. A
 * forwarded case carries the same request (protocol's ForwardedCase.request), so the colleague's
 * register gives it the same id and a coordinator counts it once. Without the request's full text
 * (contact details, message, random reference, time of sending) nobody can compute it or link it
 * to a person; it reveals nothing of the request.
 */
export function registrationCaseId(request: ContactRequest): string {
  return createHash('sha256').update('vp-contact registration case id v1\0').update(canonical(request)).digest('hex').slice(0, 32);
}

function quarterOf(iso: string): 1 | 2 | 3 | 4 {
  return (Math.floor(new Date(iso).getUTCMonth() / 3) + 1) as 1 | 2 | 3 | 4;
}

/**
 * What the request already says, as a start for the registration the counsellor confirms at
 * closure: its unit, region and topics ("not sure" says nothing, so it is left out).
 */
export function suggestRegistration(request: ContactRequest): { unit: string | null; region: string | null; categories: Category[] } {
  const categories = (request.topics ?? []).filter((t) => (CATEGORIES as readonly string[]).includes(t)) as Category[];
  return { unit: request.unit ?? null, region: request.region ?? null, categories };
}

/**
 * The rows of one employer and year (its own mailbox, and cases colleagues forwarded here): every case received that year that has
 * registration fields (set at closure, or changed later: the register keeps the latest in the
 * case's row, every version in its history). Hours are the case's time entries.
 */
export function rowsFromRegister(register: Register, employer: string, year: number): RegistrationRow[] {
  return register.registeredCases(employer, `${year}-01-01T00:00:00.000Z`, `${year + 1}-01-01T00:00:00.000Z`).map((c) => ({
    caseId: registrationCaseId(JSON.parse(c.request) as ContactRequest),
    year,
    quarter: quarterOf(c.receivedAt),
    registration: JSON.parse(c.registration) as Registration,
    minutes: c.minutes,
    forwarded: c.status === 'forwarded',
  }));
}

/**
 * Several counsellors' rows as one: a case (same case id) counts once. Its registration is the
 * one of the counsellor who kept it (not the one who forwarded it; among equals the first);
 * contacts and minutes add up, as both counsellors spent them.
 */
export function mergeRows(lists: readonly (readonly RegistrationRow[])[]): RegistrationRow[] {
  const merged = new Map<string, RegistrationRow>();
  for (const list of lists) {
    for (const row of list) {
      const seen = merged.get(row.caseId);
      if (!seen) {
        merged.set(row.caseId, row);
        continue;
      }
      const keep = seen.forwarded && !row.forwarded ? row : seen;
      merged.set(row.caseId, {
        ...keep,
        forwarded: seen.forwarded && row.forwarded,
        minutes: seen.minutes + row.minutes,
        registration: { ...keep.registration, contacts: seen.registration.contacts + row.registration.contacts },
      });
    }
  }
  return [...merged.values()];
}
