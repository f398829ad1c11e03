// What only the SQLite store has: its file, its connection settings, its schema version, and its
// behaviour when the process is killed in the middle of a load of submissions.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteDatabase, openSqliteStore } from './sqlite.js';

const dir = mkdtempSync(join(tmpdir(), 'vp-relay-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite store', () => {
  it('creates missing folders and opens its connections with WAL and synchronous=FULL', () => {
    const file = join(dir, 'a', 'b', 'relay.db');
    const db = openSqliteDatabase(file);
    try {
      expect(existsSync(file)).toBe(true);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL: fsync at every commit
      expect(db.pragma('user_version', { simple: true })).toBe(2);
      expect(db.pragma('secure_delete', { simple: true })).toBe(1);
      const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'requests'").pluck().all();
      expect(indexes).toEqual(expect.arrayContaining(['requests_mailbox_seq', 'requests_received_at']));
    } finally {
      db.close();
    }
  });

  it('leaves no bytes of a removed request in the file', async () => {
    const file = join(dir, 'secure-delete.db');
    const store = await openSqliteStore(file);
    const marker = 'REMOVED-CIPHERTEXT-MARKER';
    const { id } = await store.add('voorbeeld', `${marker} ${'x'.repeat(3000)}`);
    const kept = await store.add('voorbeeld', 'kept');
    expect(await store.remove('voorbeeld', id)).toBe(true);
    await store.close(); // checkpoints the WAL into the file
    const bytes = readFileSync(file);
    expect(bytes.includes(marker)).toBe(false);
    const reopened = await openSqliteStore(file);
    expect((await reopened.list('voorbeeld', { after: null, limit: 10 })).items.map((i) => i.id)).toEqual([kept.id]);
    await reopened.close();
  });

  it('leaves no byte of an acknowledged or an expired request in any file of its folder, while it runs and after', async () => {
    const folder = join(dir, 'wipe');
    const store = await openSqliteStore(join(folder, 'relay.db'));
    // Long enough to need overflow pages; the marker in every stretch of it.
    const body = (marker: string) => `-----BEGIN PGP MESSAGE-----\n${`${marker} `.repeat(3_000)}\n-----END PGP MESSAGE-----\n`;
    const kept = await store.add('voorbeeld', body('KEPT-MARKER-31c9'));
    const acknowledged = await store.add('voorbeeld', body('ACKED-MARKER-8d2e'));
    await store.add('oud', body('EXPIRED-MARKER-5b07'));
    await store.add('voorbeeld', 'a write after the adds, so the WAL holds more than those');

    expect(await store.remove('voorbeeld', acknowledged.id)).toBe(true);
    expect(await store.deleteReceivedBefore('oud', new Date(Date.now() + 120_000))).toBe(1);

    // Every file, whatever SQLite named it (db, -wal, -shm, a journal).
    const found = (marker: string) =>
      readdirSync(folder)
        .filter((name) => readFileSync(join(folder, name)).includes(marker))
        .sort();
    expect(readdirSync(folder)).toContain('relay.db-wal'); // still running: the WAL is there
    expect(found('ACKED-MARKER-8d2e')).toEqual([]);
    expect(found('EXPIRED-MARKER-5b07')).toEqual([]);
    // The scan does see a request that is still waiting.
    expect(found('KEPT-MARKER-31c9')).not.toEqual([]);
    expect((await store.list('voorbeeld', { after: null, limit: 10 })).items.map((i) => i.id)).toContain(kept.id);

    await store.close();
    expect(found('ACKED-MARKER-8d2e')).toEqual([]);
    expect(found('EXPIRED-MARKER-5b07')).toEqual([]);
  });

  it('does not wait for a reader that blocks the WAL truncation, and wipes the WAL at the next write once it is gone', async () => {
    const folder = join(dir, 'wipe-blocked');
    const file = join(folder, 'relay.db');
    const store = await openSqliteStore(file);
    const marker = 'BLOCKED-MARKER-44af';
    const { id } = await store.add('voorbeeld', `${marker} `.repeat(2_000));
    // A reader in the middle of a transaction, as a long backup would be.
    const reader = new Database(file, { readonly: true });
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM requests').get();
    expect(await store.remove('voorbeeld', id)).toBe(true);
    expect(readFileSync(`${file}-wal`).includes(marker)).toBe(true);
    reader.exec('COMMIT');
    reader.close();
    await store.ping(); // any write: the writer tries again after it
    for (const name of readdirSync(folder)) expect([name, readFileSync(join(folder, name)).includes(marker)]).toEqual([name, false]);
    await store.close();
  });

  it('wipes at start a WAL that a crash left with deleted rows in it', async () => {
    const folder = join(dir, 'wipe-at-start');
    const file = join(folder, 'relay.db');
    // Another connection that deleted a row and, like a process killed before it closed, never
    // checkpointed: the row's frames are still in the WAL.
    const crashed = openSqliteDatabase(file);
    crashed.pragma('wal_autocheckpoint = 0');
    const marker = 'CRASH-MARKER-90d1';
    crashed.prepare("INSERT INTO requests (id, mailbox, received_at, ciphertext) VALUES ('x', 'voorbeeld', '2026-11-30T14:00Z', ?)").run(`${marker} `.repeat(2_000));
    crashed.prepare("DELETE FROM requests WHERE id = 'x'").run();
    expect(readFileSync(`${file}-wal`).includes(marker)).toBe(true);
    const store = await openSqliteStore(file);
    for (const name of readdirSync(folder)) expect([name, readFileSync(join(folder, name)).includes(marker)]).toEqual([name, false]);
    await store.close();
    crashed.close();
  });

  it('creates its folder 0700 and its files 0600, and tightens files an older version left open', async () => {
    const folder = join(dir, 'modes', 'data');
    const store = await openSqliteStore(join(folder, 'relay.db'));
    await store.add('voorbeeld', 'so that the WAL and the shared memory file exist');
    const mode = (path: string) => statSync(path).mode & 0o777;
    expect(mode(join(dir, 'modes'))).toBe(0o700); // a missing parent too
    expect(mode(folder)).toBe(0o700);
    expect(readdirSync(folder).sort()).toEqual(['relay.db', 'relay.db-shm', 'relay.db-wal']);
    for (const name of readdirSync(folder)) expect([name, mode(join(folder, name))]).toEqual([name, 0o600]);
    await store.close();

    for (const name of readdirSync(folder)) chmodSync(join(folder, name), 0o644);
    const again = await openSqliteStore(join(folder, 'relay.db'));
    await again.add('voorbeeld', 'again');
    for (const name of readdirSync(folder)) expect([name, mode(join(folder, name))]).toEqual([name, 0o600]);
    await again.close();
  });

  it('leaves the mode of a folder the provider made, and warns when others can enter it', async () => {
    const shared = join(dir, 'provider-made');
    mkdirSync(shared);
    chmodSync(shared, 0o755);
    const warnings: [string, Record<string, string>][] = [];
    const store = await openSqliteStore(join(shared, 'relay.db'), { onWarning: (event, fields) => warnings.push([event, fields]) });
    await store.close();
    expect(statSync(shared).mode & 0o777).toBe(0o755);
    expect(warnings).toEqual([['database-folder-open', expect.objectContaining({ folder: shared, mode: '0755' })]]);
    expect(warnings[0]![1].message).toMatch(/chmod 700/);

    const own = join(dir, 'provider-made-closed');
    mkdirSync(own, { mode: 0o700 });
    const quiet: string[] = [];
    await (await openSqliteStore(join(own, 'relay.db'), { onWarning: (event) => quiet.push(event) })).close();
    expect(quiet).toEqual([]);
  });

  it('goes on with a new writer when its writer thread dies: no false confirmation, nothing confirmed lost', async () => {
    const file = join(dir, 'writer-dies.db');
    const writers: Worker[] = [];
    const store = await openSqliteStore(file, { onWriter: (w) => writers.push(w) });
    const adds = Array.from({ length: 50 }, (_, i) => store.add('voorbeeld', `ciphertext ${i}`));
    await writers[0]!.terminate();
    const outcomes = await Promise.allSettled(adds);
    const confirmed = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value.id] : []));
    for (const o of outcomes) if (o.status === 'rejected') expect(String(o.reason)).toMatch(/SQLite writer/);
    expect(writers).toHaveLength(2);
    const after = await store.add('voorbeeld', 'after the new writer started');
    await store.ping();
    const stored = (await store.list('voorbeeld', { after: null, limit: 100 })).items.map((i) => i.id);
    expect(stored).toEqual(expect.arrayContaining([...confirmed, after.id]));
    await store.close();
  });

  it('refuses a database of a newer schema, naming the file and what to do, and leaves it unchanged', async () => {
    const file = join(dir, 'newer.db');
    const db = new Database(file);
    db.pragma('user_version = 7');
    db.close();
    await expect(openSqliteStore(file)).rejects.toThrow(/newer\.db: .*newer vp-relay.*Upgrade vp-relay/);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(7);
    check.close();
  });

  it('refuses a file that is not a database, with a message naming it', async () => {
    const file = join(dir, 'junk.db');
    writeFileSync(file, 'this is not an SQLite database, just some text that is long enough '.repeat(20));
    await expect(openSqliteStore(file)).rejects.toThrow(/Could not open the SQLite database .*junk\.db: file is not a database/);
  });

  it('says so when the folder cannot be created', async () => {
    const notAFolder = join(dir, 'plain-file');
    writeFileSync(notAFolder, '');
    await expect(openSqliteStore(join(notAFolder, 'relay.db'))).rejects.toThrow(/Could not open the SQLite database .*plain-file\/relay\.db: (EEXIST|ENOTDIR)/);
  });

  it('keeps every request whose add() resolved when the process is killed (SIGKILL) mid-load', async () => {
    const file = join(dir, 'crash', 'relay.db');
    const hooks = fileURLToPath(new URL('./test-support/register-ts.mjs', import.meta.url));
    const child = spawn(process.execPath, ['--import', hooks, fileURLToPath(new URL('./test-support/add-until-killed.mjs', import.meta.url)), file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // Kill it once it has confirmed a good number of requests, in the middle of its stream of adds.
    await new Promise<void>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        if (out.split('\n').length > 1500) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`The child ended before it was killed: ${err}`)));
    });
    expect(await exited).toBe('SIGKILL');

    // Only whole lines: a line cut short by the kill was never fully printed.
    const confirmed = out.split('\n').slice(0, -1);
    expect(confirmed.length).toBeGreaterThanOrEqual(1500);
    expect(confirmed.every((id) => /^[A-Za-z0-9_-]{22}$/.test(id))).toBe(true);

    const store = await openSqliteStore(file);
    try {
      const stored = new Set((await store.list('box', { after: null, limit: 1_000_000 })).items.map((i) => i.id));
      const missing = confirmed.filter((id) => !stored.has(id));
      expect(missing).toEqual([]);
      expect(stored.size).toBeGreaterThanOrEqual(confirmed.length);
    } finally {
      await store.close();
    }
  });
});
