// What only the SQLite store has: its file, its connection settings, its schema version, and its
// behaviour when the process is killed in the middle of a load of submissions.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
      expect(db.pragma('user_version', { simple: true })).toBe(1);
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
