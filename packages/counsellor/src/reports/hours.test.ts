import { afterEach, describe, expect, it } from 'vitest';
import { EMPLOYER, makeFixture, tempRegister, writeFixture } from '../test-support/reports-fixture.js';
import type { Register } from '../workplace/register.js';
import { buildHoursSpec } from './hours.js';
import { hoursSpecCsv, hoursSpecHtml } from './render.js';
import { parseReportSettings } from './report-settings.js';
import { OTHER } from './yearly.js';

let open: Register | null = null;
afterEach(() => {
  open?.close();
  open = null;
});

const settings = parseReportSettings({ minUnitEmployees: 40, noShowShare: 0.5, appointmentMinutes: 60, employers: { [EMPLOYER]: { units: { Logistiek: 300, Kantoor: 120, Werkplaats: 60 } } } }, 'test');

describe('the monthly hours specification', () => {
  it('adds up hours per unit, cases, appointments and no-shows as an independent count over 500 cases does', () => {
    const { register } = tempRegister();
    open = register;
    const fixture = makeFixture(500, 21);
    const ids = writeFixture(register, fixture);
    // Appointments: every third case one in its month, held; every seventh also a no-show.
    const held = new Map<string, number>();
    const noShows = new Map<string, number>();
    ids.forEach((id, i) => {
      const month = fixture[i]!.receivedAt.slice(0, 7);
      const at = fixture[i]!.receivedAt;
      if (i % 3 === 0) {
        const a = register.append(id, at, 'appointment', { at, channel: 'phone', place: null });
        register.append(id, at, 'appointment-outcome', { appointment: a, outcome: 'held' });
        held.set(month, (held.get(month) ?? 0) + 1);
      }
      if (i % 7 === 0) {
        const a = register.append(id, at, 'appointment', { at, channel: 'in-person', place: null });
        register.append(id, at, 'appointment-outcome', { appointment: a, outcome: 'no-show' });
        noShows.set(month, (noShows.get(month) ?? 0) + 1);
      }
    });
    for (const month of ['2026-02', '2026-07', '2026-11']) {
      const spec = buildHoursSpec(register, EMPLOYER, month, settings);
      const expected = new Map<string, number>();
      let cases = 0;
      fixture.forEach((c, i) => {
        if (!c.receivedAt.startsWith(month)) return;
        const unit = c.registration!.unit && ['Logistiek', 'Kantoor', 'Werkplaats'].includes(c.registration!.unit) ? c.registration!.unit : OTHER;
        expected.set(unit, (expected.get(unit) ?? 0) + c.minutes.reduce((a, b) => a + b, 0));
        if (c.minutes.length > 0 || i % 3 === 0) cases++;
      });
      expect(new Map(spec.units.map((u) => [u.key, u.minutes]))).toEqual(expected);
      expect(spec.casesWorkedOn).toBe(cases);
      expect(spec.appointmentsHeld).toBe(held.get(month) ?? 0);
      expect(spec.noShows).toBe(noShows.get(month) ?? 0);
      expect(spec.noShowMinutes).toBe(Math.ceil(((noShows.get(month) ?? 0) * 30) / 15) * 15);
      expect(spec.billedMinutes).toBe(spec.workedMinutes + spec.noShowMinutes);
      for (const text of [hoursSpecHtml(spec, 'nl'), hoursSpecCsv(spec, 'en')]) {
        expect(text).not.toMatch(/K7P-|Medewerker|voorbeeld\.example|Kleine Afdeling|\d{4}-\d{2}-\d{2}/);
      }
    }
  });

  it('refuses a month that is not one', () => {
    const { register } = tempRegister();
    open = register;
    expect(() => buildHoursSpec(register, EMPLOYER, '2026-13', settings)).toThrow(/month must look like 2026-03/);
  });
});
