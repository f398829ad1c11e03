import { describe, expect, it } from 'vitest';
import { clock, duration, timeLeft, today } from './format.js';
import { messages } from './messages.js';

const nl = messages.nl;
const en = messages.en;

describe('time left until the promised first contact, in words', () => {
  it('says overdue and almost due in words, not by colour', () => {
    expect(timeLeft(nl, { due: 'overdue', minutesLeft: -150 })).toBe('Te laat: 2 uur over de termijn');
    expect(timeLeft(en, { due: 'overdue', minutesLeft: -150 })).toBe('Overdue: 2 hours past the deadline');
    expect(timeLeft(nl, { due: 'almost-due', minutesLeft: 45 })).toBe('Bijna te laat: nog 45 minuten');
    expect(timeLeft(nl, { due: 'on-time', minutesLeft: 47 * 60 + 59 })).toBe('nog 47 uur');
  });

  it('says the clock stopped once the first contact was made', () => {
    expect(timeLeft(nl, { due: 'stopped', minutesLeft: null })).toBe('eerste contact gemaakt');
    expect(timeLeft(en, { due: 'stopped', minutesLeft: null })).toBe('first contact made');
  });

  it('counts in days and hours from two days on, in hours from an hour on, else in minutes', () => {
    expect(duration(nl, 1)).toBe('1 minuut');
    expect(duration(nl, 60)).toBe('1 uur');
    expect(duration(en, 72 * 60)).toBe('3 days');
    expect(duration(en, 49 * 60)).toBe('2 days, 1 hour');
  });
});

describe('dates for a person', () => {
  it('shows only the time for today, the date too for another day', () => {
    const now = new Date(2026, 10, 30, 15, 0);
    expect(clock('nl', new Date(2026, 10, 30, 10, 42).toISOString(), now)).toBe('10:42');
    expect(clock('nl', new Date(2026, 10, 29, 10, 42).toISOString(), now)).toMatch(/29 nov 2026.*10:42/);
  });

  it('gives today as a date field wants it, in local time', () => {
    expect(today(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });
});
