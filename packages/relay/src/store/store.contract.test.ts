// One contract, both stores: every behaviour the app relies on is checked against a real SQLite
// file and a real PostgreSQL database. PostgreSQL comes from VP_TEST_DATABASE_URL (set by the
// vitest global setup); without it these tests fail, they never skip.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StoreClosedError, StoreInputError } from './errors.js';
import { openPostgresStore } from './postgres.js';
import { openSqliteStore } from './sqlite.js';
import type { RelayStore } from './types.js';

interface Opened {
  store: RelayStore;
  /** Opens the same data again (after close). */
  reopen(): Promise<RelayStore>;
}

interface Backend {
  name: string;
  open(): Promise<Opened>;
  cleanup(): Promise<void>;
}

function sqliteBackend(): Backend {
  const dir = mkdtempSync(join(tmpdir(), 'vp-relay-store-'));
  let n = 0;
  return {
    name: 'sqlite',
    async open() {
      // A folder that does not exist yet: the store creates it.
      const file = join(dir, `case-${++n}`, 'relay.db');
      return { store: await openSqliteStore(file), reopen: () => openSqliteStore(file) };
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

function testDatabaseUrl(): string {
  const url = process.env.VP_TEST_DATABASE_URL;
  if (!url) throw new Error('VP_TEST_DATABASE_URL is not set: run the tests through vitest (its global setup sets it).');
  return url;
}

function postgresBackend(): Backend {
  // One table per test, named per run, so parallel test files and earlier runs never meet.
  const run = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const tables: string[] = [];
  return {
    name: 'postgres',
    async open() {
      const url = testDatabaseUrl();
      const table = `vp_test_${run}_${tables.length}`;
      tables.push(table);
      return { store: await openPostgresStore(url, { table }), reopen: () => openPostgresStore(url, { table }) };
    },
    async cleanup() {
      if (tables.length === 0) return;
      const client = new pg.Client({ connectionString: testDatabaseUrl() });
      await client.connect();
      try {
        for (const table of tables) await client.query(`DROP TABLE IF EXISTS ${table}, ${table}_notices`);
      } finally {
        await client.end();
      }
    },
  };
}

const ID = /^[A-Za-z0-9_-]{22}$/;
const MINUTE_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z$/;

/** Armor-like text of exactly `size` UTF-16 units, with CRLF, every printable ASCII, and non-ASCII. */
function bigCiphertext(size: number): string {
  const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
  const body = (printable + '\r\n' + 'é€😀\t').repeat(Math.ceil(size / 100));
  return `-----BEGIN PGP MESSAGE-----\n\n${body}`.slice(0, size);
}

async function listAll(store: RelayStore, mailbox: string, limit: number) {
  const pages: { ids: string[]; nextCursor: string | null }[] = [];
  let after: string | null = null;
  do {
    const page = await store.list(mailbox, { after, limit });
    pages.push({ ids: page.items.map((i) => i.id), nextCursor: page.nextCursor });
    after = page.nextCursor;
  } while (after !== null && pages.length < 1000);
  return pages;
}

for (const makeBackend of [sqliteBackend, postgresBackend]) {
  const backend = makeBackend();

  describe(`${backend.name} store`, () => {
    let opened: Opened;
    let store: RelayStore;
    const extra: RelayStore[] = [];

    beforeEach(async () => {
      opened = await backend.open();
      store = opened.store;
    });
    afterEach(async () => {
      vi.useRealTimers();
      for (const s of [store, ...extra.splice(0)]) await s.close();
    });
    afterAll(() => backend.cleanup());

    it('lists what was added, oldest first, with id, receivedAt and ciphertext', async () => {
      const added = [];
      for (const text of ['first', 'second', 'third']) added.push({ ...(await store.add('box', text)), ciphertext: text });
      const page = await store.list('box', { after: null, limit: 10 });
      expect(page.items).toEqual(added);
      expect(page.nextCursor).toBeNull();
    });

    it('pages with the cursor until nextCursor is null, each item once', async () => {
      const ids = [];
      for (let i = 0; i < 7; i++) ids.push((await store.add('box', `m${i}`)).id);
      const pages = await listAll(store, 'box', 3);
      expect(pages.map((p) => p.ids.length)).toEqual([3, 3, 1]);
      expect(pages.flatMap((p) => p.ids)).toEqual(ids);
      expect(pages.at(-1)!.nextCursor).toBeNull();
      expect(pages[0]!.nextCursor).toMatch(/^[0-9]+$/);
    });

    it('ends on a full last page without an empty extra page', async () => {
      for (let i = 0; i < 6; i++) await store.add('box', `m${i}`);
      const pages = await listAll(store, 'box', 3);
      expect(pages.map((p) => [p.ids.length, p.nextCursor === null])).toEqual([
        [3, false],
        [3, true],
      ]);
    });

    it('lists an empty or unknown mailbox as an empty page', async () => {
      expect(await store.list('nobody', { after: null, limit: 5 })).toEqual({ items: [], nextCursor: null });
    });

    it('keeps mailboxes apart: list, remove and retention touch only their own', async () => {
      const a = await store.add('alpha', 'for alpha');
      const b = await store.add('beta', 'for beta');
      expect((await store.list('alpha', { after: null, limit: 10 })).items.map((i) => i.id)).toEqual([a.id]);
      expect((await store.list('beta', { after: null, limit: 10 })).items.map((i) => i.id)).toEqual([b.id]);
      // A cursor from one mailbox does not reveal the other's requests.
      const afterA = await store.list('beta', { after: '0', limit: 10 });
      expect(afterA.items.map((i) => i.id)).toEqual([b.id]);
      expect(await store.remove('beta', a.id)).toBe(false);
      const future = new Date(Date.now() + 3_600_000);
      expect(await store.countReceivedBefore('gamma', future)).toBe(0);
      expect(await store.deleteReceivedBefore('beta', future)).toBe(1);
      expect((await store.list('alpha', { after: null, limit: 10 })).items.map((i) => i.id)).toEqual([a.id]);
    });

    it('removes once (true), then answers false, also for an id that never was', async () => {
      const kept = await store.add('box', 'kept');
      const gone = await store.add('box', 'gone');
      expect(await store.remove('box', gone.id)).toBe(true);
      expect(await store.remove('box', gone.id)).toBe(false);
      expect(await store.remove('box', 'AAAAAAAAAAAAAAAAAAAAAA')).toBe(false);
      expect((await store.list('box', { after: null, limit: 10 })).items.map((i) => i.id)).toEqual([kept.id]);
    });

    it('counts and deletes by time of receipt, to the minute', async () => {
      // Only Date is faked: the stores' setImmediate flushes and the database I/O run for real.
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2026-01-01T10:00:30.250Z'));
      const old = await store.add('box', 'old');
      vi.setSystemTime(new Date('2026-01-05T10:00:59.999Z'));
      const recent = await store.add('box', 'recent');
      vi.useRealTimers();
      expect(old.receivedAt).toBe('2026-01-01T10:00:00Z');
      expect(recent.receivedAt).toBe('2026-01-05T10:00:00Z');

      expect(await store.countReceivedBefore('box', new Date('2026-01-01T10:00:00Z'))).toBe(0);
      expect(await store.countReceivedBefore('box', new Date('2026-01-01T10:00:00.001Z'))).toBe(1);
      expect(await store.countReceivedBefore('box', new Date('2026-01-05T10:00:00Z'))).toBe(1);
      expect(await store.countReceivedBefore('box', new Date('2026-01-05T10:00:00.001Z'))).toBe(2);

      expect(await store.deleteReceivedBefore('box', new Date('2026-01-03T00:00:00Z'))).toBe(1);
      expect(await store.deleteReceivedBefore('box', new Date('2026-01-03T00:00:00Z'))).toBe(0);
      const left = await store.list('box', { after: null, limit: 10 });
      expect(left.items).toEqual([{ ...recent, ciphertext: 'recent' }]);
    });

    it('refuses a cursor it did not hand out, a bad limit and an invalid cutoff with StoreInputError', async () => {
      await store.add('box', 'x');
      for (const after of ['abc', '-1', '1.5', '', ' 1', '01', '1e3', '99999999999999999999', '9223372036854775808']) {
        const error = await store.list('box', { after, limit: 10 }).catch((e: unknown) => e);
        expect(error, after).toBeInstanceOf(StoreInputError);
        expect((error as StoreInputError).code).toBe('bad-cursor');
        expect((error as Error).message).not.toContain(after || '""');
      }
      // The largest cursor there can be is valid and simply past everything.
      expect(await store.list('box', { after: '9223372036854775807', limit: 10 })).toEqual({ items: [], nextCursor: null });
      for (const limit of [0, -1, 1.5, Number.NaN]) {
        await expect(store.list('box', { after: null, limit })).rejects.toMatchObject({ name: 'StoreInputError', code: 'bad-limit' });
      }
      await expect(store.countReceivedBefore('box', new Date('nonsense'))).rejects.toMatchObject({ code: 'bad-cutoff' });
      await expect(store.deleteReceivedBefore('box', new Date(Number.NaN))).rejects.toMatchObject({ code: 'bad-cutoff' });
      expect((await store.list('box', { after: null, limit: 10 })).items).toHaveLength(1);
    });

    it('refuses a ciphertext with a NUL character and stores nothing, without failing its batch', async () => {
      const results = await Promise.allSettled([store.add('box', 'before'), store.add('box', 'a\0b'), store.add('box', 'after')]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ name: 'StoreInputError', code: 'bad-ciphertext' });
      const items = (await store.list('box', { after: null, limit: 10 })).items;
      expect(items.map((i) => i.ciphertext)).toEqual(['before', 'after']);
    });

    it('commits 200 concurrent adds, each listed afterwards exactly once', async () => {
      const added = await Promise.all(Array.from({ length: 200 }, (_, i) => store.add('box', `message ${i}`)));
      const ids = added.map((a) => a.id);
      expect(new Set(ids).size).toBe(200);
      const listed = (await listAll(store, 'box', 64)).flatMap((p) => p.ids);
      expect(listed).toHaveLength(200);
      expect(new Set(listed)).toEqual(new Set(ids));
      const items = (await store.list('box', { after: null, limit: 500 })).items;
      const byId = new Map(items.map((i) => [i.id, i.ciphertext]));
      added.forEach((a, i) => expect(byId.get(a.id)).toBe(`message ${i}`));
    });

    it('hands out random, URL-safe ids of 22 characters and minute-truncated ISO times', async () => {
      const before = Date.now();
      const added = await Promise.all(Array.from({ length: 50 }, () => store.add('box', 'x')));
      const after = Date.now();
      for (const { id, receivedAt } of added) {
        expect(id).toMatch(ID);
        expect(receivedAt).toMatch(MINUTE_ISO);
        const t = Date.parse(receivedAt);
        expect(t).toBeGreaterThanOrEqual(before - (before % 60_000));
        expect(t).toBeLessThanOrEqual(after);
      }
      expect(new Set(added.map((a) => a.id)).size).toBe(50);
      const listed = (await store.list('box', { after: null, limit: 100 })).items;
      expect(listed.map((i) => i.receivedAt)).toEqual(added.map((a) => a.receivedAt));
    });

    it('round-trips a 64 KiB ciphertext exactly', async () => {
      const text = bigCiphertext(64 * 1024);
      expect(text).toHaveLength(65536);
      const { id } = await store.add('box', text);
      const [item] = (await store.list('box', { after: null, limit: 1 })).items;
      expect(item!.id).toBe(id);
      expect(item!.ciphertext === text).toBe(true);
      expect(Buffer.from(item!.ciphertext, 'utf8').equals(Buffer.from(text, 'utf8'))).toBe(true);
    });

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('close() commits the adds still queued; they resolve and are there after reopening', async () => {
      const first = await store.add('box', 'committed earlier');
      const pending = Array.from({ length: 25 }, (_, i) => store.add('box', `queued ${i}`));
      await store.close();
      const queued = await Promise.all(pending);
      await expect(store.add('box', 'too late')).rejects.toBeInstanceOf(StoreClosedError);
      await store.close(); // a second close is harmless

      store = await opened.reopen();
      const items = (await store.list('box', { after: null, limit: 100 })).items;
      expect(items.map((i) => i.id)).toEqual([first.id, ...queued.map((q) => q.id)]);
      expect(items.at(-1)!.ciphertext).toBe('queued 24');
    });

    it('keeps everything across close and reopen, and goes on numbering after it', async () => {
      const before = await Promise.all([store.add('a', 'one'), store.add('b', 'two'), store.add('a', 'three')]);
      await store.close();
      store = await opened.reopen();
      const a = await store.list('a', { after: null, limit: 10 });
      expect(a.items.map((i) => i.ciphertext)).toEqual(['one', 'three']);
      expect(a.items.map((i) => i.id)).toEqual([before[0].id, before[2].id]);
      const later = await store.add('a', 'four');
      // The first page's cursor still works and the new request comes after the old ones.
      const page1 = await store.list('a', { after: null, limit: 2 });
      const page2 = await store.list('a', { after: page1.nextCursor, limit: 2 });
      expect(page2.items.map((i) => i.id)).toEqual([later.id]);
    });

    it('lets two open stores on the same data see each other\'s commits', async () => {
      const other = await opened.reopen();
      extra.push(other);
      const { id } = await other.add('box', 'from the other instance');
      expect((await store.list('box', { after: null, limit: 10 })).items.map((i) => i.id)).toEqual([id]);
      expect(await store.remove('box', id)).toBe(true);
      expect(await other.remove('box', id)).toBe(false);
    });
  });
}
