/**
 * The case register: one SQLite file, encrypted at rest (SQLCipher format, through
 * better-sqlite3-multiple-ciphers), opened only after unlock with the key from register-key.ts.
 *
 * - The cipher and key are set before anything else touches the file, journal_mode=WAL only after
 *   (the WAL is encrypted with the same key); a rekey would have to leave WAL first.
 * - synchronous=FULL: a change is on disk when its transaction returns, so whatever the app has
 *   confirmed survives a SIGKILL or a power cut.
 * - temp_store=MEMORY: SQLite's temporary files (sorts, indexes) are not encrypted, so none are made.
 * - locking_mode=EXCLUSIVE: no other process can read or write the file while it is open.
 * - History: `entries` is append-only (triggers refuse UPDATE and DELETE). Every change of a case
 *   is one entry; `cases` holds the request and, for listing, the state those entries add up to.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import type { ContactRequest } from '@vp-contact/protocol';
import { WorkplaceError } from './errors.js';

export const DB_FILE_NAME = 'register.db';
const SCHEMA_VERSION = 1;

export type CaseStatus = 'new' | 'contacted' | 'in-progress' | 'closed' | 'forwarded';

export interface CaseRow {
  readonly id: number;
  readonly mailboxId: string;
  readonly employer: string;
  readonly requestId: string;
  readonly receivedAt: string;
  readonly request: ContactRequest;
  readonly responseHours: number;
  readonly dueAt: string;
  readonly status: CaseStatus;
  readonly statusAt: string;
  readonly contactedAt: string | null;
  readonly registration: unknown;
  readonly forwardedTo: string | null;
}

export interface Entry {
  readonly id: number;
  readonly caseId: number;
  readonly at: string;
  readonly kind: string;
  readonly data: Record<string, unknown>;
}

/** What a case is made from: the request and where it came from (as the case keeps them), and when. */
export interface NewCase extends Pick<CaseRow, 'mailboxId' | 'employer' | 'requestId' | 'receivedAt' | 'request' | 'responseHours'> {
  readonly at: string;
  /** When the promise runs out, if not responseHours after receivedAt (a promise in working days). */
  readonly dueAt?: string;
}

/** What an entry changes in the case's listing columns. */
export interface CaseUpdate {
  readonly status?: CaseStatus;
  readonly contactedAt?: string;
  readonly registration?: unknown;
  readonly forwardedTo?: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS cases (
  id INTEGER PRIMARY KEY,
  mailbox_id TEXT NOT NULL,
  employer TEXT NOT NULL,
  request_id TEXT NOT NULL,
  received_at TEXT NOT NULL,
  request TEXT NOT NULL,
  response_hours INTEGER NOT NULL,
  due_at TEXT NOT NULL,
  status TEXT NOT NULL,
  status_at TEXT NOT NULL,
  contacted_at TEXT,
  registration TEXT,
  forwarded_to TEXT,
  UNIQUE (mailbox_id, request_id)
) STRICT;
CREATE TABLE IF NOT EXISTS entries (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  data TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS entries_by_case ON entries (case_id, id);
CREATE TRIGGER IF NOT EXISTS entries_append_only_update BEFORE UPDATE ON entries
  BEGIN SELECT RAISE(ABORT, 'the history of a case cannot be changed'); END;
CREATE TRIGGER IF NOT EXISTS entries_append_only_delete BEFORE DELETE ON entries
  BEGIN SELECT RAISE(ABORT, 'the history of a case cannot be changed'); END;
CREATE TABLE IF NOT EXISTS report_texts (
  id INTEGER PRIMARY KEY,
  employer TEXT NOT NULL,
  year INTEGER NOT NULL,
  at TEXT NOT NULL,
  text TEXT NOT NULL
) STRICT;
CREATE TRIGGER IF NOT EXISTS report_texts_append_only_update BEFORE UPDATE ON report_texts
  BEGIN SELECT RAISE(ABORT, 'the history of a report text cannot be changed'); END;
CREATE TRIGGER IF NOT EXISTS report_texts_append_only_delete BEFORE DELETE ON report_texts
  BEGIN SELECT RAISE(ABORT, 'the history of a report text cannot be changed'); END;
CREATE TRIGGER IF NOT EXISTS cases_kept BEFORE DELETE ON cases
  BEGIN SELECT RAISE(ABORT, 'a case cannot be removed'); END;
`;

interface RawCase {
  id: number;
  mailbox_id: string;
  employer: string;
  request_id: string;
  received_at: string;
  request: string;
  response_hours: number;
  due_at: string;
  status: string;
  status_at: string;
  contacted_at: string | null;
  registration: string | null;
  forwarded_to: string | null;
}

interface RawEntry {
  id: number;
  case_id: number;
  at: string;
  kind: string;
  data: string;
}

function toEntry(raw: RawEntry): Entry {
  return { id: raw.id, caseId: raw.case_id, at: raw.at, kind: raw.kind, data: JSON.parse(raw.data) as Record<string, unknown> };
}

function toCase(raw: RawCase): CaseRow {
  return {
    id: raw.id,
    mailboxId: raw.mailbox_id,
    employer: raw.employer,
    requestId: raw.request_id,
    receivedAt: raw.received_at,
    request: JSON.parse(raw.request) as ContactRequest,
    responseHours: raw.response_hours,
    dueAt: raw.due_at,
    status: raw.status as CaseStatus,
    statusAt: raw.status_at,
    contactedAt: raw.contacted_at,
    registration: raw.registration === null ? null : (JSON.parse(raw.registration) as unknown),
    forwardedTo: raw.forwarded_to,
  };
}

export class Register {
  private constructor(private readonly db: Database.Database) {}

  /**
   * Opens (or makes) the register in `dir` with the 32-byte key. A wrong key, or a file that is
   * not a register, is a clear error and leaves the file as it was.
   */
  static open(dir: string, key: Uint8Array): Register {
    const file = join(dir, DB_FILE_NAME);
    let db: Database.Database;
    try {
      db = new Database(file);
    } catch (cause) {
      throw new WorkplaceError('register-unusable', `The register ${file} could not be opened: ${(cause as Error).message}.`, undefined, { cause });
    }
    try {
      // Order matters: cipher and key first, before any read; WAL only once the key is set.
      db.pragma(`cipher='sqlcipher'`);
      db.pragma(`legacy=4`);
      db.pragma(`hexkey='${Buffer.from(key).toString('hex')}'`);
      try {
        db.prepare('SELECT count(*) FROM sqlite_master').get();
      } catch (cause) {
        throw new WorkplaceError(
          'register-unusable',
          `The register ${file} cannot be read with its key: it is damaged, or its key file belongs to another register.`,
          undefined,
          { cause },
        );
      }
      db.pragma('locking_mode=EXCLUSIVE');
      db.pragma('journal_mode=WAL');
      db.pragma('synchronous=FULL');
      db.pragma('temp_store=MEMORY');
      db.pragma('foreign_keys=ON');
      try {
        db.exec(SCHEMA);
      } catch (cause) {
        if (/locked|busy/i.test((cause as Error).message)) {
          throw new WorkplaceError('register-in-use', `The register ${file} is open in another program. Close that first.`, undefined, { cause });
        }
        throw cause;
      }
      const version = db.prepare(`SELECT value FROM meta WHERE key = 'schema'`).pluck().get() as string | undefined;
      if (version === undefined) db.prepare(`INSERT INTO meta (key, value) VALUES ('schema', ?)`).run(String(SCHEMA_VERSION));
      else if (Number(version) > SCHEMA_VERSION) {
        throw new WorkplaceError('register-unusable', `The register ${file} was made by a newer vp-counsellor (schema ${version}). Update vp-counsellor.`);
      }
      return new Register(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  /** The relay ids of the requests of a mailbox that are cases already. */
  requestIds(mailboxId: string): Set<string> {
    const ids = this.db.prepare('SELECT request_id FROM cases WHERE mailbox_id = ?').pluck().all(mailboxId) as string[];
    return new Set(ids);
  }

  /** Makes a case from a decrypted request, with its first entry; a request already in the register is left alone. */
  createCase(input: NewCase): number | null {
    const dueAt = input.dueAt ?? new Date(Date.parse(input.receivedAt) + input.responseHours * 3_600_000).toISOString();
    return this.db.transaction(() => {
      const result = this.db
        .prepare(
          `INSERT INTO cases (mailbox_id, employer, request_id, received_at, request, response_hours, due_at, status, status_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'new', ?) ON CONFLICT (mailbox_id, request_id) DO NOTHING`,
        )
        .run(input.mailboxId, input.employer, input.requestId, input.receivedAt, JSON.stringify(input.request), input.responseHours, dueAt, input.at);
      if (result.changes === 0) return null;
      const id = Number(result.lastInsertRowid);
      this.db
        .prepare(`INSERT INTO entries (case_id, at, kind, data) VALUES (?, ?, 'created', ?)`)
        .run(id, input.at, JSON.stringify({ mailboxId: input.mailboxId, employer: input.employer, requestId: input.requestId, responseHours: input.responseHours }));
      return id;
    })();
  }

  /** Every case, or only those with `status` (read and parsed in the database's order). */
  cases(status?: CaseStatus): CaseRow[] {
    const rows = status === undefined ? this.db.prepare('SELECT * FROM cases ORDER BY id').all() : this.db.prepare('SELECT * FROM cases WHERE status = ? ORDER BY id').all(status);
    return (rows as RawCase[]).map(toCase);
  }

  case(id: number): CaseRow | null {
    const raw = this.db.prepare('SELECT * FROM cases WHERE id = ?').get(id) as RawCase | undefined;
    return raw ? toCase(raw) : null;
  }

  entries(caseId: number): Entry[] {
    return (this.db.prepare('SELECT id, case_id, at, kind, data FROM entries WHERE case_id = ? ORDER BY id').all(caseId) as RawEntry[]).map(toEntry);
  }

  /**
   * Appends one entry and applies what it changes to the case's listing columns, in one
   * transaction (on disk when this returns: synchronous=FULL). Returns the entry's id.
   */
  append(caseId: number, at: string, kind: string, data: Record<string, unknown>, update: CaseUpdate = {}): number {
    return this.db.transaction(() => {
      const id = Number(this.db.prepare('INSERT INTO entries (case_id, at, kind, data) VALUES (?, ?, ?, ?)').run(caseId, at, kind, JSON.stringify(data)).lastInsertRowid);
      if (update.status !== undefined) this.db.prepare('UPDATE cases SET status = ?, status_at = ? WHERE id = ?').run(update.status, at, caseId);
      if (update.contactedAt !== undefined) this.db.prepare('UPDATE cases SET contacted_at = ? WHERE id = ? AND contacted_at IS NULL').run(update.contactedAt, caseId);
      if (update.registration !== undefined) this.db.prepare('UPDATE cases SET registration = ? WHERE id = ?').run(JSON.stringify(update.registration), caseId);
      if (update.forwardedTo !== undefined) this.db.prepare('UPDATE cases SET forwarded_to = ? WHERE id = ?').run(update.forwardedTo, caseId);
      return id;
    })();
  }

  /**
   * The counsellor's own text on trends and advice for an employer's yearly report (issue #13).
   * Append-only like the history: a new version is added, the latest is the one shown.
   */
  addReportText(employer: string, year: number, at: string, text: string): void {
    this.db.prepare('INSERT INTO report_texts (employer, year, at, text) VALUES (?, ?, ?, ?)').run(employer, year, at, text);
  }

  reportText(employer: string, year: number): { text: string; at: string } | null {
    const row = this.db.prepare('SELECT text, at FROM report_texts WHERE employer = ? AND year = ? ORDER BY id DESC LIMIT 1').get(employer, year) as
      | { text: string; at: string }
      | undefined;
    return row ?? null;
  }

  /**
   * Every entry of every case of an employer, oldest first per case (one query, for reports over
   * many cases). By employer, not mailbox: a case forwarded here sits in the counsellor's personal
   * mailbox but still belongs to the employer it came from.
   */
  entriesOfEmployer(employer: string): Entry[] {
    const rows = this.db
      .prepare('SELECT e.id, e.case_id, e.at, e.kind, e.data FROM entries e JOIN cases c ON c.id = e.case_id WHERE c.employer = ? ORDER BY e.case_id, e.id')
      .all(employer) as RawEntry[];
    return rows.map(toEntry);
  }

  /**
   * What a yearly report needs of the registered cases of an employer received in [from, to): one
   * query, with the minutes of the time entries summed by SQLite (a report over 10,000 cases
   * stays well under a second).
   */
  registeredCases(employer: string, from: string, to: string): { id: number; receivedAt: string; request: string; status: CaseStatus; registration: string; minutes: number }[] {
    return this.db
      .prepare(
        `SELECT c.id, c.received_at AS receivedAt, c.request, c.status, c.registration,
           (SELECT coalesce(sum(json_extract(e.data, '$.minutes')), 0) FROM entries e WHERE e.case_id = c.id AND e.kind = 'time') AS minutes
         FROM cases c WHERE c.employer = ? AND c.registration IS NOT NULL AND c.received_at >= ? AND c.received_at < ? ORDER BY c.id`,
      )
      .all(employer, from, to) as { id: number; receivedAt: string; request: string; status: CaseStatus; registration: string; minutes: number }[];
  }

  /** Runs `work` as one transaction (its appends become savepoints): for filling a register in bulk. */
  bulk<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /** Counts, for the benchmark and the tests. */
  counts(): { cases: number; entries: number } {
    return {
      cases: this.db.prepare('SELECT count(*) FROM cases').pluck().get() as number,
      entries: this.db.prepare('SELECT count(*) FROM entries').pluck().get() as number,
    };
  }

  /** Writes everything in the WAL into the database file (before a backup copies the files). */
  checkpoint(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }
}
