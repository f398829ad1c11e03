/**
 * Fictional cases for trying the app and for the benchmark: several employers, units and regions,
 * spread over one year, each closed with registration fields, time in quarter hours and
 * appointments. Demo cases live in mailboxes on the reserved host demo.invalid, so a register
 * that holds anything else (real cases) is refused and left untouched.
 */
import type { ContactRequest } from '@vp-contact/protocol';
import type { Registration } from '../workplace/case-file.js';
import { WorkplaceError } from '../workplace/errors.js';
import type { Register } from '../workplace/register.js';
import { CATEGORIES, OUTCOMES, REPORTER_ROLES, SUPPORT_KINDS } from './vocabulary.js';

const DEMO_HOST = 'demo.invalid';

const DEMO_EMPLOYERS = [
  { employer: 'Voorbeeld B.V.', mailboxId: `voorbeeld@${DEMO_HOST}`, units: ['Logistiek', 'Kantoor', 'Werkplaats', 'Klantenservice'], regions: ['Noord', 'Midden', 'Zuid'] },
  { employer: 'Voorbeeldzorg B.V.', mailboxId: `voorbeeldzorg@${DEMO_HOST}`, units: ['Verpleging', 'Facilitair', 'Administratie'], regions: ['West', 'Oost'] },
  { employer: 'Voorbeeld Gemeente', mailboxId: `gemeente@${DEMO_HOST}`, units: ['Burgerzaken', 'Openbare ruimte', 'Staf'], regions: ['Centrum'] },
] as const;

/** A small, seeded generator (mulberry32): the same seed gives the same demo register. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const REFERENCE_CHARS = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export interface DemoCase {
  readonly mailboxId: string;
  readonly employer: string;
  readonly receivedAt: string;
  readonly request: ContactRequest;
  /** null: still open, no registration yet. */
  readonly registration: Registration | null;
  readonly time: readonly { on: string; minutes: number }[];
  readonly appointments: readonly { at: string; outcome: 'held' | 'cancelled' | 'no-show' }[];
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

function some<T>(random: () => number, list: readonly T[], max: number): T[] {
  const chosen = new Set<T>([pick(random, list)]);
  while (chosen.size < max && random() < 0.3) chosen.add(pick(random, list));
  return [...chosen];
}

/** N fictional cases in `year`, the same for the same seed. */
export function demoCases(count: number, year: number, seed = 13): DemoCase[] {
  const random = seededRandom(seed);
  const cases: DemoCase[] = [];
  for (let i = 0; i < count; i++) {
    const e = pick(random, DEMO_EMPLOYERS);
    const day = Math.floor(random() * 330);
    const received = new Date(Date.UTC(year, 0, 1, 8 + Math.floor(random() * 9)) + day * 86_400_000);
    const reference = `${Array.from({ length: 3 }, () => pick(random, [...REFERENCE_CHARS])).join('')}-${Array.from({ length: 3 }, () => pick(random, [...REFERENCE_CHARS])).join('')}`;
    const unit = random() < 0.9 ? pick(random, e.units) : null;
    const region = pick(random, e.regions);
    const categories = some(random, CATEGORIES, 3);
    const request: ContactRequest = {
      version: 1,
      reference,
      submittedAt: new Date(received.getTime() - 60_000).toISOString(),
      language: random() < 0.85 ? 'nl' : 'en',
      name: 'Demo',
      contact: { email: `demo-${i}@voorbeeld.example` },
      region,
      ...(unit ? { unit } : {}),
      topics: categories.filter((c) => ['bullying', 'sexual-harassment', 'harassment', 'discrimination', 'aggression-violence', 'other'].includes(c)) as ContactRequest['topics'],
    } as ContactRequest;
    const appointments: { at: string; outcome: 'held' | 'cancelled' | 'no-show' }[] = [];
    const time: { on: string; minutes: number }[] = [];
    const meetings = 1 + Math.floor(random() * 4);
    for (let m = 0; m < meetings; m++) {
      const at = new Date(received.getTime() + (2 + m * 9 + Math.floor(random() * 5)) * 86_400_000);
      const roll = random();
      const outcome = roll < 0.86 ? 'held' : roll < 0.93 ? 'no-show' : 'cancelled';
      appointments.push({ at: at.toISOString(), outcome });
      if (outcome === 'held') time.push({ on: at.toISOString().slice(0, 10), minutes: 15 * (2 + Math.floor(random() * 6)) });
    }
    const held = appointments.filter((a) => a.outcome === 'held').length;
    const registration: Registration | null =
      random() < 0.95
        ? {
            unit,
            region,
            categories,
            reporterRole: pick(random, REPORTER_ROLES),
            support: some(random, SUPPORT_KINDS, 3),
            outcome: pick(random, OUTCOMES),
            contacts: held + 1,
          }
        : null;
    cases.push({ mailboxId: e.mailboxId, employer: e.employer, receivedAt: received.toISOString(), request, registration, time, appointments });
  }
  return cases;
}

/** Writes one case and its history, as the workplace would have over the months. */
export function writeCase(register: Register, c: DemoCase, requestId: string): number {
  const id = register.createCase({ mailboxId: c.mailboxId, employer: c.employer, requestId, receivedAt: c.receivedAt, request: c.request, responseHours: 48, at: c.receivedAt });
  if (id === null) throw new WorkplaceError('conflict', `The request ${requestId} is in the register already.`);
  const first = new Date(Date.parse(c.receivedAt) + 3_600_000).toISOString();
  register.append(id, first, 'status', { status: 'contacted' }, { status: 'contacted', contactedAt: first });
  for (const a of c.appointments) {
    const madeAt = new Date(Date.parse(a.at) - 86_400_000).toISOString();
    const appointment = register.append(id, madeAt, 'appointment', { at: a.at, channel: 'in-person', place: null });
    register.append(id, a.at, 'appointment-outcome', { appointment, outcome: a.outcome });
  }
  for (const t of c.time) register.append(id, `${t.on}T17:00:00.000Z`, 'time', { on: t.on, minutes: t.minutes, activity: null });
  if (c.registration) {
    const last = c.appointments.at(-1)?.at ?? first;
    const closedAt = new Date(Date.parse(last) + 86_400_000).toISOString();
    register.append(id, closedAt, 'status', { status: 'closed', registration: c.registration }, { status: 'closed', registration: c.registration });
  }
  return id;
}

/** Whether every case in the register is a demo case (an empty register is). */
function holdsOnlyDemoCases(register: Register): boolean {
  return register.cases().every((c) => c.mailboxId.endsWith(`@${DEMO_HOST}`));
}

/** Adds N demo cases; refuses (and changes nothing) when the register holds a real case. */
export function fillWithDemoCases(register: Register, count: number, year: number, seed = Date.now()): number {
  if (!holdsOnlyDemoCases(register)) {
    throw new WorkplaceError('conflict', 'This register holds real cases: demo data is only added to a register with no real cases. Use another register folder (a separate workplace.json) for trying things out.');
  }
  const start = register.counts().cases;
  const cases = demoCases(count, year, seed);
  register.bulk(() => {
    cases.forEach((c, i) => writeCase(register, c, `demo-${seed}-${start + i}`));
  });
  return cases.length;
}
