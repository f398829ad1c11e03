// The SQLite schema step for notices: a database written by the previous version keeps every
// request, and its sequence numbers are never reused from then on.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { tempDir } from '@vp-contact/test-kit';
import { openSqliteStore } from './sqlite.js';

const tmp = tempDir('vp-relay-sqlite-notices-');
afterAll(() => tmp.remove());

it('upgrades a schema 1 database in place: the waiting requests stay, in order, and a new one gets a new number', async () => {
  const file = join(tmp.dir, 'old.db');
  const old = new Database(file);
  old.exec(`CREATE TABLE requests (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, mailbox TEXT NOT NULL, received_at TEXT NOT NULL, ciphertext TEXT NOT NULL);
    CREATE INDEX requests_mailbox_seq ON requests (mailbox, seq);
    CREATE INDEX requests_received_at ON requests (received_at);
    INSERT INTO requests VALUES (1, 'aaaaaaaaaaaaaaaaaaaaaa', 'voorbeeld', '2026-11-30T10:00:00Z', 'een'), (2, 'bbbbbbbbbbbbbbbbbbbbbb', 'voorbeeld', '2026-11-30T10:01:00Z', 'twee');
    DELETE FROM requests WHERE seq = 2;`);
  old.pragma('user_version = 1');
  old.close();

  const store = await openSqliteStore(file);
  expect((await store.list('voorbeeld', { after: null, limit: 10 })).items).toEqual([
    { id: 'aaaaaaaaaaaaaaaaaaaaaa', receivedAt: '2026-11-30T10:00:00Z', ciphertext: 'een' },
  ]);
  await store.remove('voorbeeld', 'aaaaaaaaaaaaaaaaaaaaaa');
  await store.add('voorbeeld', 'drie');
  await store.close();
  const db = new Database(file, { readonly: true });
  expect(db.pragma('user_version', { simple: true })).toBe(2);
  expect(db.prepare('SELECT seq FROM requests').pluck().all()).toEqual([2]);
  expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'requests'").pluck().all()).toEqual(
    expect.arrayContaining(['requests_mailbox_seq', 'requests_received_at']),
  );
  db.close();
});
