/**
 * The yearly report per employer and year, as numbers: every table already protected (see
 * suppression.ts), so the HTML, PDF and CSV can only show what is safe. Units and regions with
 * fewer employees than the setting (or none configured) are merged into "other units" first.
 */
import type { RegistrationRow } from './rows.js';
import type { ReportSettings } from './report-settings.js';
import { protectTable, type ProtectedCell, type TableRule } from './suppression.js';
import { CATEGORIES, OUTCOMES, REPORTER_ROLES, SUPPORT_KINDS } from './vocabulary.js';
import { WorkplaceError } from '../workplace/errors.js';

/** The key of the merged group of small (or unconfigured) units and regions. */
export const OTHER = '(other)';

export type TableName = 'categories' | 'support' | 'outcomes' | 'roles' | 'units' | 'regions' | 'quarters';

export interface ReportTable {
  readonly name: TableName;
  readonly rule: TableRule;
  readonly cells: ProtectedCell[];
  readonly withheld: boolean;
}

export interface YearlyReport {
  readonly employer: string;
  readonly year: number;
  readonly threshold: number;
  /** null: fewer cases than the threshold (shown as "fewer than N"). */
  readonly cases: number | null;
  readonly contacts: number;
  /** In hours, to the quarter hour. */
  readonly hours: number;
  readonly tables: ReportTable[];
  readonly text: string | null;
  /** How many imports (counsellors) the numbers come from; 1 for one register. */
  readonly sources: number;
}

function tally(keys: readonly string[], rows: readonly RegistrationRow[], pick: (r: RegistrationRow) => readonly string[]): Map<string, number> {
  const counts = new Map<string, number>(keys.map((k) => [k, 0]));
  for (const r of rows) for (const k of pick(r)) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}

/** A unit's (or region's) key in the report: its name if large enough by the settings, else OTHER. */
function grouping(sizes: Readonly<Record<string, number>>, min: number): (name: string | null | undefined) => string {
  return (name) => (name && (sizes[name] ?? -1) >= min ? name : OTHER);
}

export interface YearlyInput {
  readonly employer: string;
  readonly year: number;
  readonly rows: readonly RegistrationRow[];
  readonly settings: ReportSettings;
  readonly text?: string | null;
  readonly sources?: number;
}

export function buildYearlyReport(input: YearlyInput): YearlyReport {
  const { rows, settings, employer, year } = input;
  if (rows.length === 0) {
    throw new WorkplaceError('not-found', `There are no registered cases of ${employer} in ${year}: there is nothing to report. Cases count once their registration is filled in (at closure).`);
  }
  const threshold = settings.threshold;
  const n = rows.length;
  const total = n >= threshold ? n : null;
  const sizes = settings.employers[employer] ?? { units: {}, regions: {} };
  const unitOf = grouping(sizes.units ?? {}, settings.minUnitEmployees);
  const regionOf = grouping(sizes.regions ?? {}, settings.minUnitEmployees);
  const sorted = (names: Iterable<string>) => [...new Set(names)].filter((k) => k !== OTHER).sort((a, b) => a.localeCompare(b, 'nl'));
  const units = sorted(rows.map((r) => unitOf(r.registration.unit)));
  const regions = sorted(rows.map((r) => regionOf(r.registration.region)));
  const raw: [TableName, Map<string, number>, boolean][] = [
    ['categories', tally(CATEGORIES, rows, (r) => r.registration.categories), false],
    ['support', tally(SUPPORT_KINDS, rows, (r) => r.registration.support), false],
    ['outcomes', tally(OUTCOMES, rows, (r) => [r.registration.outcome]), true],
    ['roles', tally(REPORTER_ROLES, rows, (r) => [r.registration.reporterRole]), true],
    ['units', tally([...units, OTHER], rows, (r) => [unitOf(r.registration.unit)]), true],
    ['regions', tally([...regions, OTHER], rows, (r) => [regionOf(r.registration.region)]), true],
    ['quarters', tally(['1', '2', '3', '4'], rows, (r) => [String(r.quarter)]), true],
  ];
  const tables = raw.map(([name, counts, oneCellPerCase]) => {
    const rule: TableRule = { threshold, total, oneCellPerCase };
    const result = protectTable([...counts].map(([key, value]) => ({ key, value })), rule);
    return { name, rule, cells: result.cells, withheld: result.withheld };
  });
  const minutes = rows.reduce((sum, r) => sum + r.minutes, 0);
  return {
    employer,
    year,
    threshold,
    cases: total,
    contacts: rows.reduce((sum, r) => sum + r.registration.contacts, 0),
    hours: minutes / 60,
    tables,
    text: input.text ?? null,
    sources: input.sources ?? 1,
  };
}
