/**
 * The inbox: a folder on the counsellor's machine holding each request exactly as the relay
 * handed it over, one ASCII-armored OpenPGP message per file, so `gpg --decrypt FILE` reads it
 * too. Plaintext is never written here. A file's name carries the relay's time of receipt and
 * the relay's id: `2026-11-24T093000.123Z_<id>.asc`, so names sort by time and a request that is
 * already stored is recognised without reading anything.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ENVELOPE_MAX_BYTES } from '@vp-contact/protocol/schema';
import { REQUEST_ID_PATTERN, type WaitingRequest } from '@vp-contact/protocol/http';
import { CounsellorError } from './errors.js';
import { inPool } from './pool.js';
import { isAlive } from './process-alive.js';

/** One stored request: where it is and what its name says. Holds no plaintext. */
export interface InboxEntry {
  /** The relay's id of the request. */
  readonly id: string;
  /** When the relay received it, ISO 8601 (millisecond precision). */
  readonly receivedAt: string;
  /** The file name inside the inbox. */
  readonly file: string;
  /** The absolute path of the file. */
  readonly path: string;
}

export interface StoreResult {
  readonly entry: InboxEntry;
  /** False when a file for this id was already there (nothing was written). */
  readonly written: boolean;
}

const ENTRY_NAME = /^(\d{4}-\d{2}-\d{2}T\d{6}(?:\.\d{1,9})?Z)_([A-Za-z0-9_-]{1,100})\.asc$/;
// Temporary files carry the writer's pid, so a later pull can tell a crashed writer's leftovers
// (safe to remove: never acknowledged) from the files of a pull that is still running.
const TEMP_NAME = /^\.vp-tmp-(\d+)-[0-9a-f]+\.partial$/;
const MAX_FILE_BYTES = ENVELOPE_MAX_BYTES * 2;
const WRITE_CONCURRENCY = 8;

/**
 * The file name for a request: its receipt time without colons (Windows forbids them), then its
 * id. A request whose id or time cannot make such a name is refused before anything is written.
 */
export function entryFileName(request: Pick<WaitingRequest, 'id' | 'receivedAt'>): string {
  if (!REQUEST_ID_PATTERN.test(request.id)) {
    throw new CounsellorError('relay-bad-response', 'The relay sent a request id that cannot be a file name.', {
      data: { problem: 'form', detail: 'id must be 1 to 100 letters, digits, - or _' },
    });
  }
  const time = new Date(request.receivedAt);
  const name = Number.isNaN(time.getTime()) ? '' : `${time.toISOString().replace(/:/g, '')}_${request.id}.asc`;
  // toISOString writes years before 0 or after 9999 with a sign and six digits: no inbox name.
  if (!ENTRY_NAME.test(name)) {
    throw new CounsellorError('relay-bad-response', 'The relay sent a receipt time that is not a date an inbox file can be named after.', {
      data: { problem: 'form', detail: 'receivedAt must be a UTC time such as 2026-11-30T14:05:00Z' },
    });
  }
  return name;
}

function parseEntryName(dir: string, file: string): InboxEntry | null {
  const match = ENTRY_NAME.exec(file);
  if (!match) return null;
  const stamp = match[1]!;
  const receivedAt = `${stamp.slice(0, 13)}:${stamp.slice(13, 15)}:${stamp.slice(15)}`;
  return { id: match[2]!, receivedAt, file, path: join(dir, file) };
}

async function fsyncDirectory(dir: string): Promise<void> {
  // A rename is durable only once the folder itself is on disk. Windows cannot open a folder for
  // syncing (and makes renames durable by itself), so there it is skipped.
  if (process.platform === 'win32') return;
  const handle = await open(dir, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export class Inbox {
  private constructor(readonly dir: string) {}

  /**
   * Opens the inbox folder. With `create`, makes it (readable by this user only) when missing;
   * without, a missing folder is an error that names it.
   */
  static async open(dir: string, options: { create?: boolean } = {}): Promise<Inbox> {
    const path = resolve(dir);
    if (options.create) {
      try {
        const made = await mkdir(path, { recursive: true, mode: 0o700 });
        // A new folder is durable once its parent is on disk too.
        if (made !== undefined) await fsyncDirectory(dirname(path));
      } catch (cause) {
        throw new CounsellorError('inbox-unusable', `The inbox folder ${path} could not be made: ${(cause as Error).message}.`, {
          cause,
          data: { dir: path, problem: 'not-made', detail: (cause as Error).message },
        });
      }
    }
    let info;
    try {
      info = await stat(path);
    } catch (cause) {
      throw new CounsellorError('inbox-missing', `There is no inbox folder at ${path}. Run pull first, or check --inbox.`, { cause, data: { dir: path } });
    }
    if (!info.isDirectory()) throw new CounsellorError('inbox-unusable', `The inbox ${path} is not a folder.`, { data: { dir: path, problem: 'not-a-folder' } });
    return new Inbox(path);
  }

  /** Every stored request, newest first. Files with other names are left alone. */
  async entries(): Promise<InboxEntry[]> {
    const files = await readdir(this.dir);
    return files
      .map((file) => parseEntryName(this.dir, file))
      .filter((entry): entry is InboxEntry => entry !== null)
      .sort((a, b) => (a.file < b.file ? 1 : a.file > b.file ? -1 : 0));
  }

  /** The entry for a relay id, or a file name in the inbox, or null. */
  async find(idOrFile: string): Promise<InboxEntry | null> {
    const entries = await this.entries();
    return entries.find((entry) => entry.id === idOrFile || entry.file === idOrFile) ?? null;
  }

  /** The armored message of an entry, exactly as stored. */
  async read(entry: InboxEntry): Promise<string> {
    const info = await stat(entry.path);
    if (info.size > MAX_FILE_BYTES) {
      throw new CounsellorError('inbox-unusable', `${entry.file} is ${info.size} bytes, far larger than any request can be: it is not a request.`, {
        data: { file: entry.file, problem: 'too-large', size: info.size },
      });
    }
    return readFile(entry.path, 'utf8');
  }

  /**
   * Stores requests durably: each to a temporary file in this folder (written and fsynced), then
   * renamed to its final name, then the folder fsynced. Only when this resolves is it safe to
   * acknowledge them at the relay. A request whose file is already there is not written again.
   */
  async store(requests: readonly WaitingRequest[]): Promise<StoreResult[]> {
    const existing = new Set((await this.entries()).map((entry) => entry.id));
    const planned = new Map<string, { request: WaitingRequest; entry: InboxEntry; written: boolean }>();
    for (const request of requests) {
      const entry = parseEntryName(this.dir, entryFileName(request))!;
      const written = !existing.has(request.id) && !planned.has(request.id);
      if (!planned.has(request.id)) planned.set(request.id, { request, entry, written });
    }
    const toWrite = [...planned.values()].filter((p) => p.written);
    const temps: string[] = [];
    try {
      await inPool(toWrite, WRITE_CONCURRENCY, async (_plan, index) => {
        const temp = join(this.dir, `.vp-tmp-${process.pid}-${randomBytes(6).toString('hex')}.partial`);
        temps[index] = temp;
        const handle = await open(temp, 'wx', 0o600);
        try {
          await handle.writeFile(toWrite[index]!.request.ciphertext, 'utf8');
          await handle.sync();
        } finally {
          await handle.close();
        }
      });
      for (const [index, { entry }] of toWrite.entries()) {
        await rename(temps[index]!, entry.path);
      }
    } catch (error) {
      // Nothing of this batch is acknowledged yet: its temporary files are only in the way (the
      // ones already renamed are whole requests and stay).
      await Promise.all(temps.filter(Boolean).map((temp) => unlink(temp).catch(() => {})));
      throw error;
    }
    // Always, also when every file was there already: a pull killed between its rename and this
    // fsync leaves a file that a power cut could still take, and the caller acknowledges next.
    if (requests.length > 0) await fsyncDirectory(this.dir);
    return requests.map((request) => {
      const plan = planned.get(request.id)!;
      // A duplicate within one batch is written once: only its first occurrence counts as written.
      const first = requests.find((r) => r.id === request.id) === request;
      return { entry: plan.entry, written: plan.written && first };
    });
  }

  /** Removes temporary files left by a pull that crashed; they were never acknowledged. */
  async removeLeftovers(): Promise<number> {
    let removed = 0;
    for (const file of await readdir(this.dir)) {
      const match = TEMP_NAME.exec(file);
      if (match && (Number(match[1]) === process.pid || !isAlive(Number(match[1])))) {
        await unlink(join(this.dir, file)).catch(() => {});
        removed++;
      }
    }
    return removed;
  }
}
