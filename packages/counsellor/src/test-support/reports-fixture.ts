/**
 * A register for the report tests, filled through the register's own API (as the workplace does),
 * from a fixture that the tests count again on their own: the report code never sees the counts.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContactRequest } from '@vp-contact/protocol';
import type { Registration } from '../workplace/case-file.js';
import { Register } from '../workplace/register.js';

export const YEAR = 2026;
const MAILBOX = 'voorbeeld@relay.voorbeeld.example';
export const EMPLOYER = 'Voorbeeld B.V.';

export interface FixtureCase {
  mailboxId: string;
  /** Default EMPLOYER. */
  employer?: string;
  receivedAt: string;
  request: ContactRequest;
  registration: Registration | null;
  minutes: number[];
}

/** A tiny linear congruential generator: the fixture is the same on every run. */
function lcg(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return Math.floor((s / 2_147_483_648) * n);
  };
}

const CATS = ['bullying', 'sexual-harassment', 'harassment', 'discrimination', 'aggression-violence', 'other', 'integrity', 'work-pressure', 'conflict'] as const;
const SUPPORT = ['listening', 'advice', 'mediation-arranged', 'accompanied', 'complaint-help', 'referral'] as const;
const OUTCOMES = ['solved-informally', 'formal-complaint', 'referred', 'stopped-by-employee', 'no-further-action'] as const;
const ROLES = ['affected', 'witness', 'colleague'] as const;
export const UNITS = ['Logistiek', 'Kantoor', 'Werkplaats', 'Kleine Afdeling'] as const;
export const REGIONS = ['Noord', 'Zuid', 'Eiland'] as const;

/** Skewed picks, so that some cells are small and suppression has work to do. */
function skewed<T>(next: (n: number) => number, list: readonly T[]): T {
  // Mostly the first three; now and then any (the rare ones end up below the threshold).
  return next(30) === 0 ? list[next(list.length)]! : list[next(Math.min(3, list.length))]!;
}

export function makeFixture(count: number, seed = 7): FixtureCase[] {
  const next = lcg(seed);
  const cases: FixtureCase[] = [];
  for (let i = 0; i < count; i++) {
    const month = next(12);
    const receivedAt = new Date(Date.UTC(YEAR, month, 1 + next(28), 9)).toISOString();
    const unit = next(20) === 0 ? null : skewed(next, UNITS);
    const region = skewed(next, REGIONS);
    const categories = [...new Set([skewed(next, CATS), ...(next(3) === 0 ? [skewed(next, CATS)] : [])])];
    const support = [...new Set([skewed(next, SUPPORT), ...(next(2) === 0 ? [skewed(next, SUPPORT)] : [])])];
    const request = {
      version: 1,
      reference: `K7P-${'23456789ABCDEFGHJKMNPQRSTUVWXYZ'[i % 31]}${'23456789ABCDEFGHJKMNPQRSTUVWXYZ'[Math.floor(i / 31) % 31]}X`,
      submittedAt: receivedAt,
      language: 'nl',
      name: `Medewerker ${i}`,
      contact: { email: `persoon${i}@voorbeeld.example` },
      message: `Vrije tekst van melding ${i}`,
      ...(unit ? { unit } : {}),
      region,
    } as ContactRequest;
    const registration: Registration | null = {
      unit,
      region,
      categories: categories,
      reporterRole: skewed(next, ROLES),
      support: support,
      outcome: skewed(next, OUTCOMES),
      contacts: 1 + next(6),
    };
    const minutes = Array.from({ length: 1 + next(3) }, () => 15 * (1 + next(8)));
    cases.push({ mailboxId: MAILBOX, receivedAt, request, registration, minutes });
  }
  return cases;
}

export function tempRegister(): { register: Register; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'vp-reports-'));
  return { register: Register.open(dir, randomBytes(32)), dir };
}

/** Writes the fixture the way the workplace does: a case, time entries, closing with registration. */
export function writeFixture(register: Register, cases: readonly FixtureCase[], prefix = 'r'): number[] {
  return register.bulk(() =>
    cases.map((c, i) => {
      const id = register.createCase({ mailboxId: c.mailboxId, employer: c.employer ?? EMPLOYER, requestId: `${prefix}${i}`, receivedAt: c.receivedAt, request: c.request, responseHours: 48, at: c.receivedAt });
      if (id === null) throw new Error('duplicate fixture case');
      for (const m of c.minutes) register.append(id, c.receivedAt, 'time', { on: c.receivedAt.slice(0, 10), minutes: m, activity: null });
      if (c.registration) register.append(id, c.receivedAt, 'status', { status: 'closed', registration: c.registration }, { status: 'closed', registration: c.registration });
      return id;
    }),
  );
}
