// The inbox's words for time left and its order, over a real (encrypted) register.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as v from 'valibot';
import { ContactRequestSchema } from '@vp-contact/protocol';
import { tempDir, validRequest } from '@vp-contact/test-kit';
import { CaseBook } from './case-file.js';
import { dueState, listInbox } from './inbox-view.js';
import { Register } from './register.js';

const temp = tempDir('vp-workplace-inbox-');
let register: Register;
const NOW = new Date('2026-11-30T12:00:00.000Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();

beforeAll(() => {
  register = Register.open(temp.dir, randomBytes(32));
});

afterAll(() => {
  register.close();
  temp.remove();
});

it('says overdue, almost due (less than the reminder time left), on time, and stopped once contacted', () => {
  const row = (receivedHoursAgo: number, status: 'new' | 'contacted' = 'new') => ({
    status,
    dueAt: new Date(Date.parse(hoursAgo(receivedHoursAgo)) + 48 * 3_600_000).toISOString(),
  });
  expect(dueState(row(50), NOW, 8)).toEqual({ minutesLeft: -120, due: 'overdue' });
  expect(dueState(row(41), NOW, 8)).toEqual({ minutesLeft: 420, due: 'almost-due' });
  // Exactly the reminder time left is not less than it.
  expect(dueState(row(40), NOW, 8)).toEqual({ minutesLeft: 480, due: 'on-time' });
  expect(dueState(row(40), NOW, 12)).toEqual({ minutesLeft: 480, due: 'almost-due' });
  expect(dueState(row(10), NOW, 8)).toEqual({ minutesLeft: 38 * 60, due: 'on-time' });
  expect(dueState(row(50, 'contacted'), NOW, 8)).toEqual({ minutesLeft: null, due: 'stopped' });
});

it('puts urgent requests first, then by time left (overdue first), then the contacted ones, newest first', async () => {
  const add = async (id: string, receivedHoursAgo: number, urgent: boolean) =>
    register.createCase({
      mailboxId: 'voorbeeld@relay.voorbeeld.example',
      employer: 'Voorbeeld B.V.',
      requestId: id,
      receivedAt: hoursAgo(receivedHoursAgo),
      request: v.parse(ContactRequestSchema, await validRequest({ urgent })),
      responseHours: 48,
      at: NOW.toISOString(),
    })!;
  const recent = await add('recent', 2, false);
  const overdue = await add('overdue', 60, false);
  const urgent = await add('urgent', 1, true);
  const contacted = await add('contacted', 5, false);
  const contactedOlder = await add('contacted-older', 30, true);
  const book = new CaseBook(register, () => NOW);
  book.changeStatus(contacted, { status: 'contacted' });
  book.changeStatus(contactedOlder, { status: 'contacted' });
  expect(listInbox(register, {}, NOW, 8).map((i) => i.id)).toEqual([urgent, overdue, recent, contacted, contactedOlder]);
  expect(listInbox(register, {}, NOW, 8).find((i) => i.id === overdue)!.due).toBe('overdue');
  // Found by its reference as a person types or reads it out: any case, with or without the dash, or its start.
  const reference = listInbox(register, {}, NOW, 8).find((i) => i.id === overdue)!.reference;
  for (const typed of [reference, reference.toLowerCase(), reference.replace('-', ' '), reference.slice(0, 3)]) {
    expect(listInbox(register, { reference: typed }, NOW, 8).map((i) => i.id), typed).toContain(overdue);
  }
  expect(listInbox(register, { reference }, NOW, 8).map((i) => i.id)).toEqual([overdue]);
  expect(() => listInbox(register, { reference: 'K0P-4QX' }, NOW, 8)).toThrow(/reference: must be \(part of\) a reference/);
  // The same request again (a second fetch) is not a second case.
  expect(await add('recent', 2, false)).toBeNull();
});

it('refuses to change or remove history', () => {
  const [first] = register.cases();
  expect(() => register.append(first!.id, NOW.toISOString(), 'note', { text: 'x' })).not.toThrow();
  const db = (register as unknown as { db: { prepare(sql: string): { run(): unknown } } }).db;
  expect(() => db.prepare('UPDATE entries SET data = \'{}\'').run()).toThrow(/history of a case cannot be changed/);
  expect(() => db.prepare('DELETE FROM entries').run()).toThrow(/history of a case cannot be changed/);
  expect(() => db.prepare('DELETE FROM cases').run()).toThrow(/a case cannot be removed/);
});
