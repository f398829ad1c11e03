/**
 * The embedded store: one SQLite file (better-sqlite3) in WAL mode with synchronous=FULL, so every
 * commit is fsynced before add() resolves. Concurrent add() calls are committed together (group
 * commit): they queue up, and one flush per event-loop turn writes the whole queue in a single
 * transaction, so a burst of submissions shares one fsync instead of paying one each.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { checkCiphertext, checkCutoff, checkLimit, minuteIso, minuteIsoCeil, newRequestId, parseCursor } from './common.js';
import { StoreClosedError } from './errors.js';
import type { RelayStore, RequestPage, StoredRequest } from './types.js';

/** Schema versions, applied in order; PRAGMA user_version records how many have run. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE requests (
     seq INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     mailbox TEXT NOT NULL,
     received_at TEXT NOT NULL,
     ciphertext TEXT NOT NULL
   );
   CREATE INDEX requests_mailbox_seq ON requests (mailbox, seq);
   CREATE INDEX requests_received_at ON requests (received_at);`,
];

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `The relay database was written by a newer vp-relay (schema ${current}, this one knows ${MIGRATIONS.length}). Upgrade vp-relay.`,
    );
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}

interface PendingAdd {
  readonly id: string;
  readonly mailbox: string;
  readonly receivedAt: string;
  readonly ciphertext: string;
  readonly resolve: (value: { id: string; receivedAt: string }) => void;
  readonly reject: (error: unknown) => void;
}

interface Row {
  seq: number;
  id: string;
  received_at: string;
  ciphertext: string;
}

/**
 * The connection with the settings durability rests on, schema up to date. WAL with
 * synchronous=FULL fsyncs the log at every commit: a committed request survives a power cut, not
 * only a crash of the process. Exported so a test can check those settings on the real connection.
 */
export function openSqliteDatabase(file: string): Database.Database {
  let db: Database.Database | undefined;
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    // Acknowledged and expired requests are gone from the file, not only from the table: SQLite
    // would otherwise leave their bytes in free pages until they happen to be reused.
    db.pragma('secure_delete = ON');
    // A backup (sqlite3 .backup) or a second reader may hold a lock for a moment: wait, don't fail.
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (error) {
    db?.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not open the SQLite database ${file}: ${reason}`, { cause: error });
  }
}

/** Opens (creating the folder, file and schema when missing) the SQLite store at `file`. */
export function openSqliteStoreSync(file: string): RelayStore {
  const db = openSqliteDatabase(file);

  const insert = db.prepare('INSERT INTO requests (id, mailbox, received_at, ciphertext) VALUES (?, ?, ?, ?)');
  const insertBatch = db.transaction((batch: readonly PendingAdd[]) => {
    for (const p of batch) insert.run(p.id, p.mailbox, p.receivedAt, p.ciphertext);
  });
  const selectFirst = db.prepare<[string, number], Row>(
    'SELECT seq, id, received_at, ciphertext FROM requests WHERE mailbox = ? ORDER BY seq LIMIT ?',
  );
  const selectAfter = db.prepare<[string, bigint, number], Row>(
    'SELECT seq, id, received_at, ciphertext FROM requests WHERE mailbox = ? AND seq > ? ORDER BY seq LIMIT ?',
  );
  const deleteOne = db.prepare('DELETE FROM requests WHERE mailbox = ? AND id = ?');
  const deleteBefore = db.prepare('DELETE FROM requests WHERE mailbox = ? AND received_at < ?');
  const countBefore = db.prepare<[string, string], { n: number }>(
    'SELECT count(*) AS n FROM requests WHERE mailbox = ? AND received_at < ?',
  );
  const selectOne = db.prepare('SELECT 1');

  let queue: PendingAdd[] = [];
  let flushScheduled = false;
  let closing = false;

  function flush(): void {
    flushScheduled = false;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    try {
      insertBatch.immediate(batch);
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    for (const p of batch) p.resolve({ id: p.id, receivedAt: p.receivedAt });
  }

  return {
    add(mailbox, ciphertext) {
      if (closing) return Promise.reject(new StoreClosedError());
      try {
        checkCiphertext(ciphertext);
      } catch (error) {
        return Promise.reject(error);
      }
      return new Promise((resolve, reject) => {
        queue.push({ id: newRequestId(), mailbox, receivedAt: minuteIso(new Date()), ciphertext, resolve, reject });
        if (!flushScheduled) {
          flushScheduled = true;
          // After the I/O callbacks of this turn: every request parsed in this turn joins the batch.
          setImmediate(flush);
        }
      });
    },

    async list(mailbox, { after, limit }): Promise<RequestPage> {
      checkLimit(limit);
      const cursor = parseCursor(after);
      // One row more than asked tells whether there is a next page.
      const rows = cursor === null ? selectFirst.all(mailbox, limit + 1) : selectAfter.all(mailbox, cursor, limit + 1);
      const page = rows.slice(0, limit);
      const items: StoredRequest[] = page.map((r) => ({ id: r.id, receivedAt: r.received_at, ciphertext: r.ciphertext }));
      const last = page.at(-1);
      return { items, nextCursor: rows.length > limit && last ? String(last.seq) : null };
    },

    async remove(mailbox, id) {
      return deleteOne.run(mailbox, id).changes > 0;
    },

    async deleteReceivedBefore(mailbox, cutoff) {
      checkCutoff(cutoff);
      return deleteBefore.run(mailbox, minuteIsoCeil(cutoff)).changes;
    },

    async countReceivedBefore(mailbox, cutoff) {
      checkCutoff(cutoff);
      return countBefore.get(mailbox, minuteIsoCeil(cutoff))!.n;
    },

    async ping() {
      selectOne.get();
    },

    async close() {
      if (closing) return;
      closing = true;
      flush();
      db.close();
    },
  };
}

/** The same, as the asynchronous opener both stores share. */
export async function openSqliteStore(file: string): Promise<RelayStore> {
  return openSqliteStoreSync(file);
}
