// The notice ledger and the waiting summary, on both stores: a real SQLite file and a real
// PostgreSQL database (VP_TEST_DATABASE_URL, set by the vitest global setup; never skipped).
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '@vp-contact/test-kit';
import type { NoticeClaim } from './notice-ledger.js';
import { openPostgresStore } from './postgres.js';
import { openSqliteStore } from './sqlite.js';
import type { RelayStore } from './types.js';

const url = process.env.VP_TEST_DATABASE_URL;
const run = `vp_ledger_${process.pid}_${randomBytes(3).toString('hex')}`;
const tmp = tempDir('vp-relay-ledger-');
const tables: string[] = [];

afterAll(async () => {
  tmp.remove();
  if (!url || tables.length === 0) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const table of tables) await client.query(`DROP TABLE IF EXISTS ${table}, ${table}_notices`);
  await client.end();
});

const backends: { name: string; open: (n: number) => Promise<RelayStore[]> }[] = [
  { name: 'sqlite', open: async (n) => [await openSqliteStore(`${tmp.dir}/case-${n}.db`)] },
  {
    name: 'postgres',
    // Two stores on one table: two relay instances.
    async open(n) {
      if (!url) throw new Error('VP_TEST_DATABASE_URL is not set; run the tests through vitest.');
      const table = `${run}_${n}`;
      tables.push(table);
      return [await openPostgresStore(url, { table }), await openPostgresStore(url, { table })];
    },
  },
];

const claim: NoticeClaim = { mailbox: 'voorbeeld', notice: 'arrival:1', target: 'email', kind: 'arrival', series: 1, coveredSeq: '1' };
const at = (ms: number) => new Date(Date.UTC(2026, 10, 30, 12) + ms);

let n = 0;
describe.each(backends)('$name', ({ open }) => {
  it('sums up what waits per mailbox, and never reuses a sequence number, also after everything was collected', async () => {
    const stores = await open(++n);
    const store = stores[0]!;
    expect(await store.waitingSummary('voorbeeld')).toEqual({ count: 0, oldestReceivedAt: null, oldestSeq: null, newestSeq: null });
    const a = await store.add('voorbeeld', 'a');
    await store.add('voorbeeld', 'b');
    await store.add('ander', 'c');
    const summary = await store.waitingSummary('voorbeeld');
    expect(summary).toMatchObject({ count: 2, oldestReceivedAt: a.receivedAt });
    expect(BigInt(summary.newestSeq!)).toBeGreaterThan(BigInt(summary.oldestSeq!));
    for (const page of (await store.list('voorbeeld', { after: null, limit: 10 })).items) await store.remove('voorbeeld', page.id);
    await store.remove('ander', (await store.list('ander', { after: null, limit: 10 })).items[0]!.id);
    await store.add('voorbeeld', 'd');
    const after = await store.waitingSummary('voorbeeld');
    expect(after.count).toBe(1);
    expect(BigInt(after.newestSeq!)).toBeGreaterThan(BigInt(summary.newestSeq!));
    for (const s of stores) await s.close();
  });

  it('gives a claim to one caller, again after its lease ran out, and never after it was marked sent', async () => {
    const stores = await open(++n);
    const [one, two = one] = stores as [RelayStore, RelayStore?];
    const [idA, idB, idC] = [randomUUID(), randomUUID(), randomUUID()];
    const results = await Promise.all([one.claimNotice(claim, idA, at(0), at(60_000)), two.claimNotice(claim, idB, at(0), at(60_000))]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results[0] ? idA : idB;
    expect(await two.claimNotice(claim, idC, at(59_000), at(120_000))).toBe(false);
    expect(await one.dueNotices(at(59_000))).toEqual([]);
    // The winner "died": its lease runs out, and the row is due and claimable again.
    expect((await one.dueNotices(at(60_000))).map((r) => r.notice)).toEqual(['arrival:1']);
    expect(await two.claimNotice(claim, idC, at(60_000), at(120_000))).toBe(true);
    // The old claim is lost: it cannot mark the row sent.
    expect(await one.finishNotice(claim, winner, at(61_000), '5')).toBe(false);
    // A failed send: due again after the pause, with the attempt counted.
    await two.deferNotice(claim, idC, at(90_000));
    expect(await one.dueNotices(at(89_000))).toEqual([]);
    expect(await one.dueNotices(at(90_000))).toEqual([expect.objectContaining({ notice: 'arrival:1', attempts: 1, series: 1, kind: 'arrival', coveredSeq: '1' })]);
    const idD = randomUUID();
    expect(await one.claimNotice(claim, idD, at(90_000), at(150_000))).toBe(true);
    expect(await one.finishNotice(claim, idD, at(91_000), '7')).toBe(true);
    expect(await two.claimNotice(claim, randomUUID(), at(10 * 86_400_000), at(10 * 86_400_000 + 1))).toBe(false);
    expect(await one.dueNotices(at(10 * 86_400_000))).toEqual([]);
    expect(await two.lastArrivalNotice('voorbeeld')).toEqual({ series: 1, createdAt: at(0), coveredSeq: '7' });
    expect(await two.lastArrivalNotice('ander')).toBeNull();
    for (const s of stores) await s.close();
  });

  it('prunes old rows, but not one whose lease still holds', async () => {
    const stores = await open(++n);
    const store = stores[0]!;
    const old = { ...claim, notice: 'reminder:1', kind: 'reminder' as const, series: 0, coveredSeq: null };
    const held = { ...old, notice: 'reminder:2' };
    const id = randomUUID();
    expect(await store.claimNotice(old, id, at(0), at(60_000))).toBe(true);
    expect(await store.finishNotice(old, id, at(1_000), null)).toBe(true);
    expect(await store.claimNotice(held, randomUUID(), at(0), at(10 * 86_400_000))).toBe(true);
    expect(await store.claimNotice(claim, randomUUID(), at(5 * 86_400_000), at(5 * 86_400_000 + 60_000))).toBe(true);
    expect(await store.pruneNotices(at(86_400_000), at(2 * 86_400_000))).toBe(1);
    // Gone: it could be claimed anew.
    expect(await store.claimNotice(old, randomUUID(), at(3 * 86_400_000), at(3 * 86_400_000 + 60_000))).toBe(true);
    expect(await store.claimNotice(held, randomUUID(), at(3 * 86_400_000), at(3 * 86_400_000 + 60_000))).toBe(false);
    expect(await store.lastArrivalNotice('voorbeeld')).toMatchObject({ series: 1 });
    for (const s of stores) await s.close();
  });
});
