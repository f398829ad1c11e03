// The due time of a promise in working days, in this computer's time zone (as the app uses it):
// here Europe/Amsterdam, whatever the machine's own zone, so the change to summer time is real.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addWorkingDays } from './working-days.js';

const machineZone = process.env.TZ;
beforeAll(() => {
  // Node takes a new TZ at once for every Date made after it.
  process.env.TZ = 'Europe/Amsterdam';
});
afterAll(() => {
  if (machineZone === undefined) delete process.env.TZ;
  else process.env.TZ = machineZone;
});

/** A local date and time: 2026-11-27 is a Friday. */
const at = (day: number, hour = 15) => new Date(2026, 10, day, hour, 0, 0, 0);
const weekday = (d: Date) => ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][d.getDay()];

it('counts Monday to Friday only, and keeps the clock time', () => {
  expect(weekday(at(27))).toBe('fri');
  // Friday 15:00 + 2 working days: Tuesday 15:00 (not Sunday).
  expect(addWorkingDays(at(27), 2)).toEqual(new Date(2026, 11, 1, 15));
  // Saturday and Sunday arrivals: the weekend does not count either.
  expect(addWorkingDays(at(28), 2)).toEqual(new Date(2026, 11, 1, 15));
  expect(addWorkingDays(at(29, 9), 1)).toEqual(new Date(2026, 10, 30, 9));
  // Monday + 2: Wednesday; Thursday + 2: Monday; one week is five working days.
  expect(addWorkingDays(at(30), 2)).toEqual(new Date(2026, 11, 2, 15));
  expect(addWorkingDays(at(26), 2)).toEqual(new Date(2026, 10, 30, 15));
  expect(addWorkingDays(at(23), 5)).toEqual(new Date(2026, 10, 30, 15));
});

it('keeps the clock time across the change to summer time', () => {
  // 2026-03-27 is a Friday; summer time starts on Sunday 2026-03-29 in Europe.
  const friday = new Date(2026, 2, 27, 15, 0, 0, 0);
  const due = addWorkingDays(friday, 2);
  expect([weekday(due), due.getHours(), due.getMinutes()]).toEqual(['tue', 15, 0]);
  // One hour less than four whole days: counting in 24-hour steps would say 16:00.
  expect(due.getTime() - friday.getTime()).toBe((4 * 24 - 1) * 3_600_000);
});
