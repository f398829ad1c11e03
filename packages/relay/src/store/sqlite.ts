/**
 * The embedded store: one SQLite file (better-sqlite3) in WAL mode with synchronous=FULL, so every
 * commit is fsynced before add() resolves. Writes (adds, removes, retention deletes) are committed
 * together (group commit) on a writer thread: while one batch is being written and fsynced there,
 * the next one gathers, and the main thread goes on reading requests instead of waiting for the
 * disk. Reads (list, count) use a connection of their own on the main thread; WAL lets them run
 * beside the writer.
 *
 * Deleted means gone from every file: secure_delete zeroes a deleted row's bytes in the database
 * file, and after each batch that deleted something the writer checkpoints the WAL into the file
 * and truncates the WAL to nothing (wal_checkpoint(TRUNCATE)), so the request's earlier frames do
 * not stay behind in relay.db-wal. The folder is made 0700 and the files 0600.
 */
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { checkCiphertextHasNoNul, checkCutoff, checkLimit, minuteIso, minuteIsoCeil, newRequestId, parseCursor } from './common.js';
import { StoreClosedError } from './errors.js';
import type { RelayStore, StoredRequestPage, StoredRequest } from './types.js';
import { NOTICE_LEDGER_SCHEMA, NOTICE_WRITER_STATEMENTS, sqliteNoticeLedger, type NoticeWrite } from './sqlite-notices.js';

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
  // Notices (notify/): sequence numbers that are never reused (AUTOINCREMENT), so "newer than
  // the last notice covered" stays true after the newest request was acknowledged; and the ledger.
  `CREATE TABLE requests_new (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     mailbox TEXT NOT NULL,
     received_at TEXT NOT NULL,
     ciphertext TEXT NOT NULL
   );
   INSERT INTO requests_new (seq, id, mailbox, received_at, ciphertext) SELECT seq, id, mailbox, received_at, ciphertext FROM requests;
   DROP TABLE requests;
   ALTER TABLE requests_new RENAME TO requests;
   CREATE INDEX requests_mailbox_seq ON requests (mailbox, seq);
   CREATE INDEX requests_received_at ON requests (received_at);
   ${NOTICE_LEDGER_SCHEMA}`,
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

/** One write, as sent to the writer thread. */
type WriteOp =
  | { readonly kind: 'add'; readonly id: string; readonly mailbox: string; readonly receivedAt: string; readonly ciphertext: string }
  | { readonly kind: 'remove'; readonly mailbox: string; readonly id: string }
  | { readonly kind: 'delete-before'; readonly mailbox: string; readonly cutoff: string }
  /** Goes through the writer like any write: /readyz then also tells whether the writer works. */
  | { readonly kind: 'ping' }
  /** Another try at truncating the WAL, after readers blocked the one after a delete. */
  | { readonly kind: 'truncate-wal' }
  | NoticeWrite;

interface PendingWrite {
  readonly op: WriteOp;
  /** With the number of rows the write changed. */
  readonly resolve: (changes: number) => void;
  readonly reject: (error: unknown) => void;
}

/** walDirty: deleted rows may still be in the WAL (readers blocked the truncation); try again. */
type WriterReply = { ok: true; changes: number[]; walDirty: boolean } | { ok: false; message: string };

/**
 * The writer thread, as source text: an eval'd worker needs no file of its own, so it runs the
 * same from src/ under the tests and from dist/. Its connection has the same settings as
 * openSqliteDatabase's (applied there first, along with the schema).
 */
const WRITER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.betterSqlite3);
const db = new Database(workerData.file);
for (const setting of workerData.pragmas) db.pragma(setting);
const insert = db.prepare('INSERT INTO requests (id, mailbox, received_at, ciphertext) VALUES (?, ?, ?, ?)');
const deleteOne = db.prepare('DELETE FROM requests WHERE mailbox = ? AND id = ?');
const deleteBefore = db.prepare('DELETE FROM requests WHERE mailbox = ? AND received_at < ?');
const notice = {};
for (const [name, sql] of Object.entries(workerData.noticeStatements)) notice[name] = db.prepare(sql);
const write = db.transaction((ops) =>
  ops.map((op) =>
    op.kind === 'notice'
      ? notice[op.statement].run(...op.params).changes
      : op.kind === 'add'
      ? insert.run(op.id, op.mailbox, op.receivedAt, op.ciphertext).changes
      : op.kind === 'remove'
        ? deleteOne.run(op.mailbox, op.id).changes
        : op.kind === 'delete-before'
          ? deleteBefore.run(op.mailbox, op.cutoff).changes
          : 0,
  ),
);
// Copies the WAL into the database file and truncates it to 0 bytes, so frames that held deleted
// rows leave the disk. Without waiting: a reader (the main thread's connection, a backup) that
// blocks it would otherwise stall the next batch of 202s for up to busy_timeout. Then it is tried
// again after the next batch, or a moment later. True when the WAL is empty.
function truncateWal() {
  db.pragma('busy_timeout = 0');
  try {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)');
    return result.busy === 0;
  } catch {
    return false;
  } finally {
    db.pragma(workerData.busyTimeout);
  }
}
// At start too: a WAL left by a crash may still hold frames of rows deleted before it.
let walDirty = !truncateWal();
parentPort.postMessage('ready');
parentPort.on('message', (ops) => {
  if (ops === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  let changes;
  try {
    changes = write.immediate(ops);
  } catch (error) {
    parentPort.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
    return;
  }
  // A remove that found nothing, or a sweep that deleted nothing, leaves nothing to wipe.
  if (ops.some((op, i) => op.kind === 'truncate-wal' || (changes[i] > 0 && (op.kind === 'remove' || op.kind === 'delete-before')))) walDirty = true;
  // The batch is committed either way; the truncation only decides when the old frames go.
  if (walDirty) walDirty = !truncateWal();
  parentPort.postMessage({ ok: true, changes, walDirty });
});
`;

const BUSY_TIMEOUT = 'busy_timeout = 5000';

/** The connection settings durability rests on; the writer thread applies the same ones. */
const PRAGMAS = [
  'journal_mode = WAL',
  'synchronous = FULL',
  // Acknowledged and expired requests are gone from the file, not only from the table: SQLite
  // would otherwise leave their bytes in free pages until they happen to be reused.
  'secure_delete = ON',
  // A backup (sqlite3 .backup) or the other connection may hold a lock for a moment: wait, don't fail.
  BUSY_TIMEOUT,
  // When the WAL starts over after a checkpoint, cut off the old frames beyond what is rewritten,
  // instead of keeping them (and deleted rows in them) in the file for reuse.
  'journal_size_limit = 0',
];

const betterSqlite3Path = createRequire(import.meta.url).resolve('better-sqlite3');

/** An error from the writer thread arrives cloned, sometimes without its message. */
function describe(error: unknown): string {
  const { message, code } = (error ?? {}) as { message?: unknown; code?: unknown };
  return typeof message === 'string' && message ? message : typeof code === 'string' ? code : String(error);
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
export function openSqliteDatabase(file: string, options: SqliteOptions = {}): Database.Database {
  let db: Database.Database | undefined;
  try {
    if (file !== ':memory:') prepareFiles(file, options.onWarning);
    db = new Database(file);
    for (const setting of PRAGMAS) db.pragma(setting);
    migrate(db);
    return db;
  } catch (error) {
    db?.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not open the SQLite database ${file}: ${reason}`, { cause: error });
  }
}

export interface SqliteOptions {
  /** Told when the database's folder, which the relay did not create, is open to other users. */
  readonly onWarning?: (event: string, fields: Record<string, string>) => void;
}

/** Only the owner: the relay's user. The folder's listing tells no more than the files do. */
const FOLDER_MODE = 0o700;
const FILE_MODE = 0o600;

/**
 * The folder 0700 when the relay creates it (missing parents too). An existing folder keeps the
 * mode the provider gave it (a backup group may need to reach it): only a warning when others can
 * enter it. The files are the relay's own: created 0600, and tightened to 0600 when an older
 * version or a copy left them readable to others. SQLite gives -wal and -shm the database file's
 * mode when it creates them.
 */
function prepareFiles(file: string, onWarning: SqliteOptions['onWarning']): void {
  const folder = dirname(file);
  const created = mkdirSync(folder, { recursive: true, mode: FOLDER_MODE });
  if (created === undefined) {
    const mode = statSync(folder).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      onWarning?.('database-folder-open', {
        folder,
        mode: `0${mode.toString(8)}`,
        message: `Other users can enter the database folder. The relay's files in it are readable only by the relay's user; make the folder so too: chmod 700 ${folder} (with systemd: StateDirectoryMode=0700).`,
      });
    }
  }
  // O_CREAT without O_TRUNC: a new file is made 0600 from the start, an existing one is left whole.
  closeSync(openSync(file, 'a', FILE_MODE));
  for (const path of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    let mode: number;
    try {
      mode = statSync(path).mode & 0o777;
    } catch {
      continue; // not there (yet): SQLite creates it with the database file's mode
    }
    if ((mode & 0o077) !== 0) chmodSync(path, mode & FILE_MODE);
  }
}

/** Opens (creating the folder, file and schema when missing) the SQLite store at `file`. */
export async function openSqliteStore(
  file: string,
  options: SqliteOptions & { onWriter?: (writer: Worker) => void } = {},
): Promise<RelayStore> {
  const db = openSqliteDatabase(file, options);
  const startWriter = () => {
    const worker = new Worker(WRITER_SOURCE, {
      eval: true,
      workerData: { file, pragmas: PRAGMAS, busyTimeout: BUSY_TIMEOUT, betterSqlite3: betterSqlite3Path, noticeStatements: NOTICE_WRITER_STATEMENTS },
    });
    // For the tests: they end a writer to see the store go on with a new one.
    options.onWriter?.(worker);
    return worker;
  };
  let writer = startWriter();
  // Ready once its connection and statements are prepared.
  await new Promise<void>((resolve, reject) => {
    writer.once('message', resolve);
    writer.once('error', reject);
  }).catch(async (error: unknown) => {
    await writer.terminate();
    db.close();
    throw new Error(`Could not start the SQLite writer for ${file}: ${describe(error)}`, { cause: error });
  });

  const selectFirst = db.prepare<[string, number], Row>(
    'SELECT seq, id, received_at, ciphertext FROM requests WHERE mailbox = ? ORDER BY seq LIMIT ?',
  );
  const selectAfter = db.prepare<[string, bigint, number], Row>(
    'SELECT seq, id, received_at, ciphertext FROM requests WHERE mailbox = ? AND seq > ? ORDER BY seq LIMIT ?',
  );
  const countBefore = db.prepare<[string, string], { n: number }>(
    'SELECT count(*) AS n FROM requests WHERE mailbox = ? AND received_at < ?',
  );
  const selectOne = db.prepare('SELECT 1');

  let queue: PendingWrite[] = [];
  let inFlight: PendingWrite[] | null = null;
  let closing = false;
  let exited: Promise<void> = Promise.resolve();
  let drained: (() => void) | null = null;
  let truncateRetry: NodeJS.Timeout | undefined;

  // Sends what has gathered, unless a batch is still being written: then it goes when that returns.
  function send(): void {
    if (inFlight !== null || queue.length === 0) {
      if (inFlight === null) drained?.();
      return;
    }
    inFlight = queue;
    queue = [];
    writer.postMessage(inFlight.map((p) => p.op));
  }

  function onReply(reply: WriterReply | 'ready'): void {
    if (reply === 'ready') return;
    const batch = inFlight ?? [];
    inFlight = null;
    if (reply.ok) {
      batch.forEach((p, i) => p.resolve(reply.changes[i] ?? 0));
      // Readers blocked the WAL's truncation: try again soon even when no write comes to do it.
      if (reply.walDirty && !closing && truncateRetry === undefined) {
        truncateRetry = setTimeout(() => {
          truncateRetry = undefined;
          // A failure here is a failed write the next batch reports; closing truncates anyway.
          write({ kind: 'truncate-wal' }).catch(() => {});
        }, 1_000).unref();
      }
    } else {
      const error = new Error(`The SQLite database could not store the batch: ${reply.message}`);
      for (const p of batch) p.reject(error);
    }
    send();
  }

  /**
   * The writer thread died (it should not; a bug or a native crash). The batch it was writing may
   * or may not be committed: its callers get an error, never a confirmation. The relay then goes
   * on with a new writer, so it does not stay down until someone restarts it.
   */
  function onWriterLost(lost: Worker, error: Error): void {
    if (lost !== writer) return; // 'error' and 'exit' both come for one death
    for (const p of inFlight ?? []) p.reject(error);
    inFlight = null;
    if (closing) {
      for (const p of queue) p.reject(error);
      queue = [];
      drained?.();
      return;
    }
    writer = watch(startWriter());
    send();
  }

  function watch(worker: Worker): Worker {
    exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', onReply);
    worker.on('error', (error) => onWriterLost(worker, new Error(`The SQLite writer failed: ${describe(error)}`, { cause: error })));
    worker.on('exit', () => onWriterLost(worker, new Error('The SQLite writer stopped before it confirmed the write.')));
    return worker;
  }
  watch(writer);

  function write(op: WriteOp): Promise<number> {
    if (closing) return Promise.reject(new StoreClosedError());
    return new Promise((resolve, reject) => {
      queue.push({ op, resolve, reject });
      // On the next turn, after this turn's I/O callbacks: every request parsed meanwhile joins.
      if (queue.length === 1 && inFlight === null) setImmediate(send);
    });
  }

  return {
    ...sqliteNoticeLedger(db, (op) => write(op)),

    async add(mailbox, ciphertext) {
      checkCiphertextHasNoNul(ciphertext);
      const op = { kind: 'add', id: newRequestId(), mailbox, receivedAt: minuteIso(new Date()), ciphertext } as const;
      await write(op);
      return { id: op.id, receivedAt: op.receivedAt };
    },

    // eslint-disable-next-line @typescript-eslint/require-await -- RelayStore is asynchronous (PostgreSQL); SQLite reads synchronously, and async turns its throws into rejections as the interface promises.
    async list(mailbox, { after, limit }): Promise<StoredRequestPage> {
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
      return (await write({ kind: 'remove', mailbox, id })) > 0;
    },

    async deleteReceivedBefore(mailbox, cutoff) {
      checkCutoff(cutoff);
      return write({ kind: 'delete-before', mailbox, cutoff: minuteIsoCeil(cutoff) });
    },

    // eslint-disable-next-line @typescript-eslint/require-await -- as list: a synchronous read behind the asynchronous interface.
    async countReceivedBefore(mailbox, cutoff) {
      checkCutoff(cutoff);
      return countBefore.get(mailbox, minuteIsoCeil(cutoff))!.n;
    },

    async ping() {
      selectOne.get();
      // The writer too: a round trip through its queue, given a few seconds.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('The SQLite writer did not answer within 5 seconds.')), 5_000);
      });
      try {
        await Promise.race([write({ kind: 'ping' }), late]);
      } finally {
        clearTimeout(timer);
      }
    },

    async close() {
      if (closing) return;
      closing = true;
      clearTimeout(truncateRetry);
      // Whatever was accepted is written first.
      // (A writer that dies meanwhile settles them with an error and ends the wait.)
      if (inFlight !== null || queue.length > 0) {
        await new Promise<void>((resolve) => {
          drained = resolve;
          send();
        });
      }
      writer.postMessage('close'); // a no-op if the writer is gone
      await exited;
      db.close();
    },
  };
}
