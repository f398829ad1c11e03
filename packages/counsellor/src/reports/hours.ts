/**
 * The monthly hours specification per employer: what the provider invoices from. Hours per unit
 * (small or unconfigured units merged into "other units", as in the yearly report) and in total,
 * the number of cases worked on, appointments held, and no-shows billed at a share of an
 * appointment's time. Nothing per case: no references, names, dates of appointments or topics.
 */
import { foldEntries, type Registration } from '../workplace/case-file.js';
import { WorkplaceError } from '../workplace/errors.js';
import type { Entry, Register } from '../workplace/register.js';
import type { ReportSettings } from './report-settings.js';
import { OTHER } from './yearly.js';

export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export interface HoursSpec {
  readonly employer: string;
  readonly month: string;
  /** Minutes per unit (OTHER for small and unrecorded units), in the order shown. */
  readonly units: { key: string; minutes: number }[];
  readonly workedMinutes: number;
  readonly casesWorkedOn: number;
  readonly appointmentsHeld: number;
  readonly noShows: number;
  readonly noShowShare: number;
  readonly appointmentMinutes: number;
  /** noShows × appointmentMinutes × noShowShare, rounded up to the quarter hour. */
  readonly noShowMinutes: number;
  readonly billedMinutes: number;
}

export function buildHoursSpec(register: Register, employer: string, month: string, settings: ReportSettings): HoursSpec {
  if (!MONTH_PATTERN.test(month)) throw new WorkplaceError('invalid', `The month must look like 2026-03, not ${JSON.stringify(month)}.`);
  const byCase = new Map<number, Entry[]>();
  for (const e of register.entriesOfEmployer(employer)) {
    let list = byCase.get(e.caseId);
    if (!list) byCase.set(e.caseId, (list = []));
    list.push(e);
  }
  const sizes = settings.employers[employer]?.units ?? {};
  const unitOf = (name: string | null | undefined) => (name && (sizes[name] ?? -1) >= settings.minUnitEmployees ? name : OTHER);
  const perUnit = new Map<string, number>();
  let casesWorkedOn = 0;
  let held = 0;
  let noShows = 0;
  for (const c of register.cases()) {
    if (c.employer !== employer) continue;
    const file = foldEntries(byCase.get(c.id) ?? []);
    const registration: Registration | null = file.registration;
    const unit = unitOf(registration?.unit ?? c.request.unit);
    const minutes = file.time.filter((t) => t.on.startsWith(month)).reduce((sum, t) => sum + t.minutes, 0);
    const inMonth = file.appointments.filter((a) => a.at.startsWith(month));
    const heldHere = inMonth.filter((a) => a.outcome === 'held').length;
    held += heldHere;
    noShows += inMonth.filter((a) => a.outcome === 'no-show').length;
    if (minutes > 0) perUnit.set(unit, (perUnit.get(unit) ?? 0) + minutes);
    if (minutes > 0 || heldHere > 0) casesWorkedOn++;
  }
  const units = [...perUnit]
    .filter(([key]) => key !== OTHER)
    .sort(([a], [b]) => a.localeCompare(b, 'nl'))
    .map(([key, minutes]) => ({ key, minutes }));
  if (perUnit.has(OTHER)) units.push({ key: OTHER, minutes: perUnit.get(OTHER)! });
  const workedMinutes = units.reduce((sum, u) => sum + u.minutes, 0);
  const noShowMinutes = Math.ceil((noShows * settings.appointmentMinutes * settings.noShowShare) / 15) * 15;
  return {
    employer,
    month,
    units,
    workedMinutes,
    casesWorkedOn,
    appointmentsHeld: held,
    noShows,
    noShowShare: settings.noShowShare,
    appointmentMinutes: settings.appointmentMinutes,
    noShowMinutes,
    billedMinutes: workedMinutes + noShowMinutes,
  };
}
