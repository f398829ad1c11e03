import { afterEach, describe, expect, it } from 'vitest';
import { possibleValues } from '../test-support/reports-attack.js';
import { EMPLOYER, makeFixture, REGIONS, tempRegister, UNITS, writeFixture, YEAR, type FixtureCase } from '../test-support/reports-fixture.js';
import type { Register } from '../workplace/register.js';
import { parseReportSettings, type ReportSettings } from './report-settings.js';
import { cellText, yearlyReportCsv, yearlyReportHtml } from './render.js';
import { registrationCaseId, rowsFromRegister, suggestRegistration } from './rows.js';
import { protectTable } from './suppression.js';
import { buildYearlyReport, OTHER, type YearlyReport } from './yearly.js';

const settings: ReportSettings = parseReportSettings(
  {
    threshold: 5,
    minUnitEmployees: 40,
    employers: { [EMPLOYER]: { units: { Logistiek: 300, Kantoor: 120, Werkplaats: 60, 'Kleine Afdeling': 12 }, regions: { Noord: 500, Zuid: 400, Eiland: 20 } } },
  },
  'test',
);

let open: Register | null = null;
afterEach(() => {
  open?.close();
  open = null;
});

/** The count the report should show for each cell, made straight from the fixture. */
function independentCounts(cases: readonly FixtureCase[]): Record<string, Map<string, number>> {
  const counts: Record<string, Map<string, number>> = {};
  const add = (table: string, key: string) => {
    const m = (counts[table] ??= new Map());
    m.set(key, (m.get(key) ?? 0) + 1);
  };
  for (const c of cases) {
    const r = c.registration!;
    for (const k of r.categories) add('categories', k);
    for (const k of r.support) add('support', k);
    add('outcomes', r.outcome);
    add('roles', r.reporterRole);
    add('units', !r.unit || r.unit === 'Kleine Afdeling' ? OTHER : r.unit);
    add('regions', r.region === 'Eiland' || !r.region ? OTHER : r.region);
    add('quarters', String(Math.floor(new Date(c.receivedAt).getUTCMonth() / 3) + 1));
  }
  return counts;
}

function attack(report: YearlyReport): { table: string; key: string; possible: number[] }[] {
  const found: { table: string; key: string; possible: number[] }[] = [];
  for (const t of report.tables) {
    if (t.withheld) continue;
    const shown = t.cells.map((c) => ({ shown: c.suppressed === 'primary' ? ('fewer' as const) : c.suppressed === 'complementary' ? ('hidden' as const) : c.value }));
    t.cells.forEach((c, i) => {
      if (c.suppressed) found.push({ table: t.name, key: c.key, possible: possibleValues(shown, i, report.threshold, report.cases, t.rule.oneCellPerCase) });
    });
  }
  return found;
}

describe('the yearly report', () => {
  it('counts 520 cases from a real register as an independent count does, and hides only what is small', () => {
    const { register } = tempRegister();
    open = register;
    const fixture = makeFixture(520);
    writeFixture(register, fixture);
    // Noise that must not count: another year, another employer, a case without registration.
    const noise = makeFixture(30, 99);
    writeFixture(register, [
      ...noise.slice(0, 10).map((c) => ({ ...c, receivedAt: c.receivedAt.replace(String(YEAR), String(YEAR - 1)) })),
      ...noise.slice(10, 20).map((c) => ({ ...c, mailboxId: 'ander@relay.voorbeeld.example', employer: 'Ander B.V.' })),
      ...noise.slice(20).map((c) => ({ ...c, registration: null })),
    ], 'noise');
    const rows = rowsFromRegister(register, EMPLOYER, YEAR);
    const report = buildYearlyReport({ employer: EMPLOYER, year: YEAR, rows, settings });
    expect(report.cases).toBe(520);
    expect(report.contacts).toBe(fixture.reduce((s, c) => s + c.registration!.contacts, 0));
    expect(report.hours * 60).toBe(fixture.reduce((s, c) => s + c.minutes.reduce((a, b) => a + b, 0), 0));
    const expected = independentCounts(fixture);
    let suppressed = 0;
    for (const t of report.tables) {
      expect(t.withheld).toBe(false);
      for (const c of t.cells) {
        const count = expected[t.name]!.get(c.key) ?? 0;
        expect(c.value, `${t.name}/${c.key}`).toBe(count);
        if (count > 0 && count < 5) expect(c.suppressed, `${t.name}/${c.key}`).toBe('primary');
        if (c.suppressed === 'complementary') expect(count).toBeGreaterThanOrEqual(5);
        if (c.suppressed) suppressed++;
      }
    }
    // The fixture is skewed so that suppression has work to do.
    expect(suppressed).toBeGreaterThan(0);
    expect(report.tables.find((t) => t.name === 'units')!.cells.map((c) => c.key)).toEqual([...[...UNITS.slice(0, 3)].sort((a, b) => a.localeCompare(b, 'nl')), OTHER]);
    expect(report.tables.find((t) => t.name === 'regions')!.cells.map((c) => c.key)).not.toContain(REGIONS[2]);
    // Every suppressed cell: the attacker finds more than one possible value.
    const attacked = attack(report);
    expect(attacked.length).toBe(suppressed);
    for (const a of attacked) expect(a.possible.length, `${a.table}/${a.key}: ${a.possible.join(',')}`).toBeGreaterThan(1);
    // What the employer sees holds no reference, name, free text or date.
    for (const text of [yearlyReportHtml(report, 'nl'), yearlyReportHtml(report, 'en'), yearlyReportCsv(report, 'nl')]) {
      for (const c of fixture.slice(0, 50)) {
        expect(text).not.toContain(c.request.reference);
        expect(text).not.toContain(c.request.name!);
        expect(text).not.toContain(c.request.contact.email!);
      }
      expect(text).not.toMatch(/Vrije tekst|Kleine Afdeling|Eiland|\d{4}-\d{2}-\d{2}/);
    }
  });

  it('no suppressed cell can be worked out, over thousands of random tables and thresholds', () => {
    const next = (() => {
      let s = 12_345;
      return (n: number) => {
        s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
        return Math.floor((s / 2_147_483_648) * n);
      };
    })();
    let protectedCells = 0;
    let withheld = 0;
    for (let round = 0; round < 3000; round++) {
      const threshold = 3 + next(5);
      const size = 2 + next(6);
      const values = Array.from({ length: size }, () => (next(3) === 0 ? next(threshold) : next(4 * threshold)));
      const oneCellPerCase = next(2) === 0;
      const sum = values.reduce((a, b) => a + b, 0);
      if (sum === 0) continue;
      const cases = oneCellPerCase ? sum : Math.max(...values, Math.ceil(sum / (1 + next(2))));
      const total = cases >= threshold ? cases : null;
      const result = protectTable(values.map((value, i) => ({ key: String(i), value })), { threshold, total, oneCellPerCase });
      if (result.withheld) {
        withheld++;
        continue;
      }
      const shown = result.cells.map((c) => ({ shown: c.suppressed === 'primary' ? ('fewer' as const) : c.suppressed === 'complementary' ? ('hidden' as const) : c.value }));
      result.cells.forEach((c, i) => {
        if (!c.suppressed) return;
        protectedCells++;
        const possible = possibleValues(shown, i, threshold, total, oneCellPerCase);
        expect(possible, `values ${values.join(',')} threshold ${threshold} total ${total} cell ${i}`).toContain(c.value);
        expect(possible.length, `values ${values.join(',')} threshold ${threshold} total ${total} cell ${i}`).toBeGreaterThan(1);
      });
    }
    expect(protectedCells).toBeGreaterThan(1000);
    expect(withheld).toBeGreaterThan(0);
  });

  it('hides one more cell when a single small one could be worked out from the total', () => {
    const result = protectTable(
      [
        { key: 'a', value: 2 },
        { key: 'b', value: 30 },
        { key: 'c', value: 8 },
      ],
      { threshold: 5, total: 40, oneCellPerCase: true },
    );
    expect(result.cells.map((c) => c.suppressed)).toEqual(['primary', null, 'complementary']);
    expect(cellText(result.cells[0]!, 5, 'nl')).toBe('minder dan 5');
    expect(cellText(result.cells[2]!, 5, 'en')).toBe('hidden');
  });

  it('shows "fewer than N" for the total, and every count, when the year has fewer cases than the threshold', () => {
    const { register } = tempRegister();
    open = register;
    writeFixture(register, makeFixture(3, 5));
    const report = buildYearlyReport({ employer: EMPLOYER, year: YEAR, rows: rowsFromRegister(register, EMPLOYER, YEAR), settings });
    expect(report.cases).toBeNull();
    expect(yearlyReportHtml(report, 'nl')).toContain('minder dan 5');
    for (const t of report.tables) for (const c of t.cells) expect(c.value === 0 || c.suppressed !== null).toBe(true);
  });

  it('a year without cases is a clear error', () => {
    const { register } = tempRegister();
    open = register;
    writeFixture(register, makeFixture(10));
    expect(() => buildYearlyReport({ employer: EMPLOYER, year: YEAR + 1, rows: rowsFromRegister(register, EMPLOYER, YEAR + 1), settings })).toThrow(/no registered cases of Voorbeeld B\.V\. in 2027/);
  });

  it('refuses a threshold below 3 in the settings, naming the field', () => {
    expect(() => parseReportSettings({ threshold: 2 }, 'report-settings.json')).toThrow(/threshold.*at least 3/);
  });

  it('suggests the registration from the request, and a forwarded copy of the request gets the same case id', () => {
    const [c] = makeFixture(1);
    const request = { ...c!.request, topics: ['bullying', 'not-sure'] } as FixtureCase['request'];
    expect(suggestRegistration(request)).toEqual({ unit: request.unit ?? null, region: request.region, categories: ['bullying'] });
    const copy = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(request).reverse()))) as typeof request;
    expect(registrationCaseId(copy)).toBe(registrationCaseId(request));
    expect(registrationCaseId({ ...request, reference: 'AAA-AAA' })).not.toBe(registrationCaseId(request));
  });
});
