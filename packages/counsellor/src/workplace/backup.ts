/**
 * Backup and restore of the workplace: one file, an OpenPGP message encrypted to the counsellor's
 * own key, holding the register (its database file, still encrypted with the register key, and
 * the wrapped register key), the settings, the token files and the inbox folders' ciphertext.
 * Making a backup needs no passphrase (only the public part of the key); restoring needs the key
 * and its passphrase, on a machine where none of it exists yet: restore never overwrites.
 *
 * The backup copies the files while it holds the register's lock (so no app writes meanwhile).
 * SQLite leaves no WAL behind after a clean close; a WAL left by a crash is copied with it, and
 * SQLite replays it when the restored register is first opened.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import * as openpgp from 'openpgp';
import * as v from 'valibot';
import { unlockPrivateKey } from '../decrypt.js';
import { isProtocolError } from '@vp-contact/protocol';
import { WorkplaceError } from './errors.js';
import { acquireRegisterLock } from './register-lock.js';
import { KEY_FILE_NAME } from './register-key.js';
import { DB_FILE_NAME } from './register.js';
import { defaultRegisterDir, userWorkplaceFile, writeFileDurably, type WorkplaceSettings } from './settings.js';

const FORMAT = 'vp-counsellor-workplace-backup';
const REGISTER_FILES = [DB_FILE_NAME, `${DB_FILE_NAME}-wal`, KEY_FILE_NAME];
const INBOX_FILE = /^\d{4}-\d{2}-\d{2}T\d{6}(?:\.\d{1,9})?Z_[A-Za-z0-9_-]{1,100}\.asc$/;

const base64 = v.pipe(v.string(), v.base64());
const BackupSchema = v.strictObject({
  format: v.literal(FORMAT),
  version: v.literal(1),
  createdAt: v.string(),
  settings: v.strictObject({
    name: v.optional(v.string()),
    lang: v.picklist(['nl', 'en']),
    responseHours: v.number(),
    idleMinutes: v.number(),
    mailboxes: v.array(v.strictObject({ employer: v.string(), relay: v.string(), mailbox: v.string(), responseHours: v.number(), token: v.string(), id: v.string() })),
    colleagues: v.array(v.strictObject({ name: v.string(), relay: v.string(), mailbox: v.string(), publicKey: v.string() })),
  }),
  register: v.record(v.picklist(REGISTER_FILES), base64),
  inboxes: v.record(v.string(), v.record(v.pipe(v.string(), v.regex(INBOX_FILE)), v.string())),
});
type Backup = v.InferOutput<typeof BackupSchema>;

async function readIfThere(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export interface BackupResult {
  readonly file: string;
  readonly bytes: number;
  readonly mailboxes: number;
  readonly inboxFiles: number;
}

/** Writes the backup to `out` (a new file; never overwritten). The app must not be running. */
export async function backupWorkplace(settings: WorkplaceSettings, out: string): Promise<BackupResult> {
  if (existsSync(out)) throw new WorkplaceError('invalid', `${out} exists already; a backup never overwrites a file. Choose another name.`, 'out');
  let armoredKey: string;
  try {
    armoredKey = await readFile(settings.key, 'utf8');
  } catch (cause) {
    throw new WorkplaceError('settings-invalid', `The private key file ${settings.key} could not be read: ${(cause as Error).message}.`);
  }
  const publicKey = (await openpgp.readPrivateKey({ armoredKey })).toPublic();
  if (!existsSync(join(settings.register, KEY_FILE_NAME))) {
    throw new WorkplaceError('register-unusable', `There is no register in ${settings.register} yet: open the app and unlock it once first.`);
  }
  const lock = acquireRegisterLock(settings.register);
  try {
    const register: Record<string, string> = {};
    for (const name of REGISTER_FILES) {
      const bytes = await readIfThere(join(settings.register, name));
      if (bytes) register[name] = bytes.toString('base64');
    }
    const inboxes: Record<string, Record<string, string>> = {};
    let inboxFiles = 0;
    const mailboxes = [];
    for (const m of settings.mailboxes) {
      const files: Record<string, string> = {};
      const names = existsSync(m.inbox) ? (await readdir(m.inbox)).filter((f) => INBOX_FILE.test(f)) : [];
      for (const name of names) {
        files[name] = await readFile(join(m.inbox, name), 'utf8');
        inboxFiles++;
      }
      inboxes[m.id] = files;
      const token = await readIfThere(m.tokenFile);
      if (token === null) throw new WorkplaceError('settings-invalid', `The token file ${m.tokenFile} of ${m.employer} could not be read.`);
      mailboxes.push({ id: m.id, employer: m.employer, relay: m.relay, mailbox: m.mailbox, responseHours: m.responseHours, token: token.toString('utf8') });
    }
    const colleagues = [];
    for (const c of settings.colleagues) {
      colleagues.push({ name: c.name, relay: c.relay, mailbox: c.mailbox, publicKey: await readFile(c.publicKey, 'utf8') });
    }
    const backup: Backup = {
      format: FORMAT,
      version: 1,
      createdAt: new Date().toISOString(),
      settings: {
        ...(settings.name ? { name: settings.name } : {}),
        lang: settings.lang,
        responseHours: settings.responseHours,
        idleMinutes: settings.idleMinutes,
        mailboxes,
        colleagues,
      },
      register,
      inboxes,
    };
    const armored = (await openpgp.encrypt({
      message: await openpgp.createMessage({ binary: new TextEncoder().encode(JSON.stringify(backup)), format: 'binary' }),
      encryptionKeys: publicKey,
      format: 'armored',
    })) as string;
    mkdirSync(dirname(out), { recursive: true });
    await writeFileDurably(out, armored);
    return { file: out, bytes: (await stat(out)).size, mailboxes: mailboxes.length, inboxFiles };
  } finally {
    lock.release();
  }
}

export interface RestoreOptions {
  readonly backupFile: string;
  /** The private key file on this machine (the backup names none: the key has its own backup). */
  readonly keyFile: string;
  readonly passphrase: () => Promise<string>;
  /** Where the settings go; default the user's workplace.json. */
  readonly settingsFile?: string;
  /** Where the register goes; default $XDG_DATA_HOME/vp-contact/register. */
  readonly registerDir?: string;
  readonly env?: NodeJS.ProcessEnv;
}

export interface RestoreResult {
  readonly settingsFile: string;
  readonly registerDir: string;
  readonly mailboxes: number;
}

/** Restores a backup onto this machine; refuses when a settings file or register is there already. */
export async function restoreWorkplace(options: RestoreOptions): Promise<RestoreResult> {
  const env = options.env ?? process.env;
  const settingsFile = options.settingsFile ?? userWorkplaceFile(env);
  const registerDir = options.registerDir ?? defaultRegisterDir(env);
  if (existsSync(settingsFile)) throw new WorkplaceError('conflict', `${settingsFile} exists already; restore never overwrites. Move it away first.`);
  if (existsSync(join(registerDir, DB_FILE_NAME)) || existsSync(join(registerDir, KEY_FILE_NAME))) {
    throw new WorkplaceError('conflict', `There is a register in ${registerDir} already; restore never overwrites. Move it away first.`);
  }
  let armoredKey: string;
  try {
    armoredKey = await readFile(options.keyFile, 'utf8');
  } catch (cause) {
    throw new WorkplaceError('invalid', `The private key file ${options.keyFile} could not be read: ${(cause as Error).message}.`, 'key');
  }
  let privateKey: openpgp.PrivateKey;
  try {
    privateKey = await unlockPrivateKey(armoredKey, options.passphrase);
  } catch (error) {
    if (isProtocolError(error, 'wrong-passphrase')) throw new WorkplaceError('wrong-passphrase', 'That passphrase does not unlock your key. Nothing was restored.');
    throw error;
  }
  let text: string;
  try {
    const message = await openpgp.readMessage({ armoredMessage: await readFile(options.backupFile, 'utf8') });
    const { data } = (await openpgp.decrypt({ message, decryptionKeys: privateKey, format: 'binary' })) as { data: Uint8Array };
    text = new TextDecoder().decode(data);
  } catch (cause) {
    throw new WorkplaceError('backup-invalid', `${options.backupFile} is not a backup this key can open (another key's backup, or a damaged file). Nothing was restored.`, undefined, { cause });
  }
  let parsed: Backup;
  try {
    parsed = v.parse(BackupSchema, JSON.parse(text));
  } catch (cause) {
    throw new WorkplaceError('backup-invalid', `${options.backupFile} is not a workplace backup of this version. Nothing was restored.`, undefined, { cause });
  }
  // Write the register first and the settings last: until the settings exist, nothing uses it.
  mkdirSync(registerDir, { recursive: true, mode: 0o700 });
  for (const [name, content] of Object.entries(parsed.register)) await writeFileDurably(join(registerDir, name), Buffer.from(content, 'base64'));
  const settingsDir = dirname(settingsFile);
  const mailboxes = [];
  for (const [index, m] of parsed.settings.mailboxes.entries()) {
    const tokenFile = join(settingsDir, 'tokens', `${index + 1}-${m.mailbox}.token`);
    await writeFileDurably(tokenFile, m.token);
    const inbox = join(registerDir, 'inbox', m.id.replace(/[^a-z0-9.@-]/g, '_'));
    mkdirSync(inbox, { recursive: true, mode: 0o700 });
    for (const [name, content] of Object.entries(parsed.inboxes[m.id] ?? {})) await writeFileDurably(join(inbox, name), content);
    mailboxes.push({ employer: m.employer, relay: m.relay, mailbox: m.mailbox, tokenFile, inbox, responseHours: m.responseHours });
  }
  const colleagues = [];
  for (const [index, c] of parsed.settings.colleagues.entries()) {
    const publicKey = join(settingsDir, 'colleagues', `${index + 1}.asc`);
    await writeFileDurably(publicKey, c.publicKey, 0o644);
    colleagues.push({ name: c.name, relay: c.relay, mailbox: c.mailbox, publicKey });
  }
  const settings = {
    ...(parsed.settings.name ? { name: parsed.settings.name } : {}),
    key: resolve(options.keyFile),
    register: registerDir,
    lang: parsed.settings.lang,
    responseHours: parsed.settings.responseHours,
    idleMinutes: parsed.settings.idleMinutes,
    mailboxes,
    colleagues,
  };
  await writeFileDurably(settingsFile, `${JSON.stringify(settings, null, 2)}\n`);
  return { settingsFile, registerDir, mailboxes: mailboxes.length };
}
