/**
 * The workplace's settings: one file that lists the counsellor's key, the register folder, every
 * mailbox (one per employer, often on one relay) and the colleagues a case can be forwarded to.
 *
 *   {
 *     "key": "../../vp-key/private.asc",
 *     "register": "../../vp-register",
 *     "lang": "nl", "responseHours": 48, "idleMinutes": 15, "reminderHours": 8,
 *     "mailboxes": [{ "employer": "Voorbeeld B.V.", "relay": "https://relay.voorbeeld.example",
 *                     "mailbox": "voorbeeld", "tokenFile": "../../vp-inbox-token" }],
 *     "colleagues": [{ "name": "Noor (regio Noord)", "publicKey": "noor.asc",
 *                      "relay": "https://relay.voorbeeld.example", "mailbox": "noor" }]
 *   }
 *
 * Read from --config, else $XDG_CONFIG_HOME/vp-contact/workplace.json (~/.config/... without
 * XDG_CONFIG_HOME), else today's single-mailbox counsellor.json (read as one mailbox, its employer
 * named after the mailbox id). Paths are relative to the file. Never from the current folder.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import * as v from 'valibot';
import { describeContractIssues, MAILBOX_ID_PATTERN, UNSAFE_IN_LINE } from '@vp-contact/protocol/http';
import { CounsellorConfigSchema, findConfig, userConfigFile } from '../config.js';
import { relayUrl } from '../relay-client.js';
import { WorkplaceError } from './errors.js';

const path = v.pipe(v.string('must be text'), v.minLength(1, 'must not be empty'), v.maxLength(4096, 'must be at most 4096 characters'));
const name = v.pipe(
  v.string('must be text'),
  v.trim(),
  v.minLength(1, 'must not be empty'),
  v.maxLength(100, 'must be at most 100 characters'),
  v.check((s) => !UNSAFE_IN_LINE.test(s), 'must not contain control characters or characters that change the reading direction'),
);
const relay = v.pipe(
  v.string('must be text'),
  v.check((s) => {
    try {
      relayUrl(s);
      return true;
    } catch {
      return false;
    }
  }, 'must be an https:// address (http:// only for a relay on this machine)'),
);
const mailboxId = v.pipe(v.string('must be text'), v.regex(MAILBOX_ID_PATTERN, 'must be lower-case letters, digits and dashes'));
/** A whole number from min to max; `maxWords` says what max is, in the message. */
const wholeNumber = (min: number, max: number, maxWords = '') =>
  v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(min, `must be at least ${min}`), v.maxValue(max, `must be at most ${max}${maxWords}`));
const hours = wholeNumber(1, 1440);
/** A promise in working days (the embed's response-working-days), instead of hours. */
const workingDays = wholeNumber(1, 30);
const oneKindOfPromise = <T extends { responseHours?: number; responseWorkingDays?: number }>(value: T) =>
  value.responseHours === undefined || value.responseWorkingDays === undefined;
const ONE_KIND = 'must not have both responseHours and responseWorkingDays: the promise is in hours or in working days';

/**
 * The app reminds the counsellor of a request still waiting for a first contact once less than this
 * many hours are left of the promised response time. A whole number of hours, up to a week.
 */
export const ReminderHoursSchema = wholeNumber(1, 168, ' (a week)');

export const MailboxSettingSchema = v.pipe(
  v.strictObject({
    employer: name,
    relay,
    mailbox: mailboxId,
    tokenFile: path,
    /** Where the ciphertext of this mailbox is kept; default: inbox/<mailbox>@<host> in the register folder. */
    inbox: v.optional(path),
    responseHours: v.optional(hours),
    responseWorkingDays: v.optional(workingDays),
  }),
  v.check(oneKindOfPromise, ONE_KIND),
);

export const ColleagueSettingSchema = v.strictObject({
  name,
  publicKey: path,
  relay,
  mailbox: mailboxId,
});

const WorkplaceSettingsSchema = v.pipe(v.strictObject({
  /** The counsellor's own name, as colleagues know it (a forwarded case says who sent it). */
  name: v.optional(name),
  key: path,
  register: v.optional(path),
  lang: v.optional(v.picklist(['nl', 'en'], 'must be nl or en')),
  responseHours: v.optional(hours),
  responseWorkingDays: v.optional(workingDays),
  idleMinutes: v.optional(wholeNumber(1, 480)),
  reminderHours: v.optional(ReminderHoursSchema),
  mailboxes: v.array(MailboxSettingSchema, 'must be a list'),
  colleagues: v.optional(v.array(ColleagueSettingSchema, 'must be a list')),
}), v.check(oneKindOfPromise, ONE_KIND));

export type MailboxSetting = v.InferOutput<typeof MailboxSettingSchema>;
export type ColleagueSetting = v.InferOutput<typeof ColleagueSettingSchema>;

export interface Mailbox extends MailboxSetting {
  /** How the app names this mailbox: mailbox@host. */
  readonly id: string;
  readonly inbox: string;
  readonly responseHours: number;
  /** Set when the promise to this employer's employees is in working days: it then decides the due time. */
  readonly responseWorkingDays?: number;
}

export interface WorkplaceSettings {
  /** The file the settings were read from. */
  readonly source: string;
  /** The file the app writes changes to (workplace.json; for a counsellor.json, a new one beside the user's). */
  readonly file: string;
  readonly name?: string;
  readonly key: string;
  readonly register: string;
  readonly lang: 'nl' | 'en';
  readonly responseHours: number;
  /** The promise in working days for mailboxes that set neither; instead of responseHours. */
  readonly responseWorkingDays?: number;
  readonly idleMinutes: number;
  /** Remind when less than this many hours are left for a first contact; default 8. */
  readonly reminderHours: number;
  readonly mailboxes: readonly Mailbox[];
  readonly colleagues: readonly ColleagueSetting[];
}

const WORKPLACE_FILE_NAME = 'workplace.json';

function configHome(env: NodeJS.ProcessEnv): string {
  const xdg = env.XDG_CONFIG_HOME;
  return xdg && xdg.startsWith('/') ? xdg : join(env.HOME || homedir(), '.config');
}

/** $XDG_CONFIG_HOME/vp-contact/workplace.json, else ~/.config/vp-contact/workplace.json. */
export function userWorkplaceFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(configHome(env), 'vp-contact', WORKPLACE_FILE_NAME);
}

/** $XDG_DATA_HOME/vp-contact/register, else ~/.local/share/vp-contact/register. */
export function defaultRegisterDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_DATA_HOME;
  const base = xdg && xdg.startsWith('/') ? xdg : join(env.HOME || homedir(), '.local', 'share');
  return join(base, 'vp-contact', 'register');
}

export function mailboxKey(relayAddress: string, mailbox: string): string {
  return `${mailbox}@${relayUrl(relayAddress).host}`;
}

function settingsError(file: string, problem: string): WorkplaceError {
  return new WorkplaceError('settings-invalid', `The settings file ${file} ${problem}`);
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw settingsError(file, `could not be read: ${(cause as Error).message}.`);
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw settingsError(file, `is not valid JSON: ${(cause as Error).message}.`);
  }
}

function complete(source: string, file: string, raw: v.InferOutput<typeof WorkplaceSettingsSchema>, env: NodeJS.ProcessEnv): WorkplaceSettings {
  const base = dirname(source);
  const register = raw.register ? resolve(base, raw.register) : defaultRegisterDir(env);
  const responseHours = raw.responseHours ?? 48;
  const seen = new Set<string>();
  const mailboxes = raw.mailboxes.map((m, index) => {
    const id = mailboxKey(m.relay, m.mailbox);
    if (seen.has(id)) throw settingsError(source, `is not valid: mailboxes.${index} lists mailbox ${id} a second time.`);
    seen.add(id);
    return {
      ...m,
      id,
      tokenFile: resolve(base, m.tokenFile),
      inbox: m.inbox ? resolve(base, m.inbox) : join(register, 'inbox', id.replace(/[^a-z0-9.@-]/g, '_')),
      responseHours: m.responseHours ?? responseHours,
      // The mailbox's own promise first; else the default, in working days if that is how it is set.
      ...(m.responseWorkingDays !== undefined
        ? { responseWorkingDays: m.responseWorkingDays }
        : m.responseHours === undefined && raw.responseWorkingDays !== undefined
          ? { responseWorkingDays: raw.responseWorkingDays }
          : {}),
    };
  });
  const names = new Set<string>();
  const colleagues = (raw.colleagues ?? []).map((c, index) => {
    if (names.has(c.name)) throw settingsError(source, `is not valid: colleagues.${index} has the same name as another colleague.`);
    names.add(c.name);
    return { ...c, publicKey: resolve(base, c.publicKey) };
  });
  return {
    source,
    file,
    ...(raw.name ? { name: raw.name } : {}),
    key: resolve(base, raw.key),
    register,
    lang: raw.lang ?? 'nl',
    responseHours,
    ...(raw.responseWorkingDays !== undefined ? { responseWorkingDays: raw.responseWorkingDays } : {}),
    idleMinutes: raw.idleMinutes ?? 15,
    reminderHours: raw.reminderHours ?? 8,
    mailboxes,
    colleagues,
  };
}

/** Reads one settings file: the workplace form (with "mailboxes") or today's counsellor.json. */
export async function readWorkplaceSettings(file: string, env: NodeJS.ProcessEnv = process.env): Promise<WorkplaceSettings> {
  const source = resolve(file);
  const json = await readJson(source);
  if (json !== null && typeof json === 'object' && 'mailboxes' in json) {
    const result = v.safeParse(WorkplaceSettingsSchema, json);
    if (!result.success) throw settingsError(source, `is not valid: ${describeContractIssues(result.issues)}.`);
    return complete(source, source, result.output, env);
  }
  const legacy = v.safeParse(CounsellorConfigSchema, json);
  if (!legacy.success) throw settingsError(source, `is not valid: ${describeContractIssues(legacy.issues)}.`);
  const c = legacy.output;
  const missing = (['key', 'relay', 'mailbox', 'tokenFile'] as const).filter((field) => c[field] === undefined);
  if (missing.length > 0) throw settingsError(source, `is not valid: the app needs ${missing.join(', ')} in it.`);
  const raw = {
    key: c.key!,
    lang: c.lang,
    responseHours: c.responseHours,
    mailboxes: [{ employer: c.mailbox!, relay: c.relay!, mailbox: c.mailbox!, tokenFile: c.tokenFile!, inbox: c.inbox }],
  };
  const settings = complete(source, userWorkplaceFile(env), raw, env);
  return settings;
}

/** --config, else the user's workplace.json, else today's counsellor.json; a clear error when none exists. */
export async function findWorkplaceSettings(options: { config?: string; env?: NodeJS.ProcessEnv }): Promise<WorkplaceSettings> {
  const env = options.env ?? process.env;
  if (options.config) return readWorkplaceSettings(options.config, env);
  const user = userWorkplaceFile(env);
  try {
    await readFile(user);
    return await readWorkplaceSettings(user, env);
  } catch (error) {
    if (error instanceof WorkplaceError && !/could not be read/.test(error.message)) throw error;
  }
  // Today's settings: findConfig reads them (and checks them) from the usual places.
  const legacy = await findConfig({ env }).catch((cause: unknown) => {
    throw new WorkplaceError('settings-invalid', (cause as Error).message);
  });
  if (legacy === null) {
    throw new WorkplaceError(
      'settings-invalid',
      `There are no settings yet. Write ${user} (see the guide: key, register and mailboxes), or name a file with --config.`,
    );
  }
  return readWorkplaceSettings(userConfigFile(env), env);
}

/** The settings as they are written back (paths relative to the file, as a person would write them). */
function serialise(settings: WorkplaceSettings, file: string): v.InferOutput<typeof WorkplaceSettingsSchema> {
  const base = dirname(file);
  const rel = (p: string) => relative(base, p) || '.';
  return {
    ...(settings.name ? { name: settings.name } : {}),
    key: rel(settings.key),
    register: rel(settings.register),
    lang: settings.lang,
    ...(settings.responseWorkingDays !== undefined ? { responseWorkingDays: settings.responseWorkingDays } : { responseHours: settings.responseHours }),
    idleMinutes: settings.idleMinutes,
    reminderHours: settings.reminderHours,
    mailboxes: settings.mailboxes.map((m) => ({
      employer: m.employer,
      relay: m.relay,
      mailbox: m.mailbox,
      tokenFile: rel(m.tokenFile),
      inbox: rel(m.inbox),
      // Only what differs from the defaults, and always the kind of promise the mailbox has.
      ...(m.responseWorkingDays !== undefined
        ? m.responseWorkingDays !== settings.responseWorkingDays
          ? { responseWorkingDays: m.responseWorkingDays }
          : {}
        : m.responseHours !== settings.responseHours || settings.responseWorkingDays !== undefined
          ? { responseHours: m.responseHours }
          : {}),
    })),
    colleagues: settings.colleagues.map((c) => ({ ...c, publicKey: rel(c.publicKey) })),
  };
}

/** Writes a file whole or not at all: a temporary file, fsync, rename, fsync the folder. */
export async function writeFileDurably(file: string, content: string | Uint8Array, mode = 0o600): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${randomBytes(6).toString('hex')}.partial`;
  const handle = await open(temp, 'wx', mode);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
  const dir = await open(dirname(file), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/** Writes the settings file whole (paths relative to it), or leaves the old one as it was. */
function writeSettings(settings: WorkplaceSettings): Promise<void> {
  return writeFileDurably(settings.file, `${JSON.stringify(serialise(settings, settings.file), null, 2)}\n`);
}

/** Adds a mailbox and writes the settings file; returns the new settings. */
export async function addMailboxSetting(settings: WorkplaceSettings, input: MailboxSetting): Promise<WorkplaceSettings> {
  const id = mailboxKey(input.relay, input.mailbox);
  if (settings.mailboxes.some((m) => m.id === id)) {
    throw new WorkplaceError('conflict', `The mailbox ${id} is in the settings already.`, 'mailbox');
  }
  const raw = serialise(settings, settings.file);
  const added = complete(settings.file, settings.file, { ...raw, mailboxes: [...raw.mailboxes, { ...input, tokenFile: resolve(input.tokenFile) }] }, {});
  await writeSettings(added);
  return added;
}

/** Changes the language or the reminder time and writes the settings file; returns the new settings. */
export async function changeSettings(settings: WorkplaceSettings, changes: Partial<Pick<WorkplaceSettings, 'lang' | 'reminderHours'>>): Promise<WorkplaceSettings> {
  const changed = { ...settings, ...changes };
  await writeSettings(changed);
  return changed;
}

/** Adds a colleague (their public key already in `colleague.publicKey`, a file) and writes the settings file. */
export async function addColleagueSetting(settings: WorkplaceSettings, colleague: ColleagueSetting): Promise<WorkplaceSettings> {
  if (settings.colleagues.some((c) => c.name === colleague.name)) {
    throw new WorkplaceError('conflict', `There is a colleague named ${JSON.stringify(colleague.name)} already.`, 'name');
  }
  const changed = { ...settings, colleagues: [...settings.colleagues, colleague] };
  await writeSettings(changed);
  return changed;
}
