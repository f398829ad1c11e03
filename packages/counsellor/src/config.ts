/**
 * The counsellor's settings: the options they would otherwise type every day. Read only from the
 * places the guide names, never from the current folder (a file planted there could send the
 * token to another relay):
 *
 *   1. --config FILE;
 *   2. vp-counsellor.json in the inbox folder (--inbox or VP_INBOX);
 *   3. the per-user file $XDG_CONFIG_HOME/vp-contact/counsellor.json, else
 *      ~/.config/vp-contact/counsellor.json, whose `inbox` names the inbox.
 *
 * Paths in a settings file are relative to the file itself.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import * as v from 'valibot';
import { describeContractIssues, MAILBOX_ID_PATTERN } from '@vp-contact/protocol/http';
import { CounsellorError } from './errors.js';

/** The settings file inside an inbox folder. */
export const CONFIG_FILE_NAME = 'vp-counsellor.json';

const path = v.pipe(v.string('must be text'), v.minLength(1, 'must not be empty'));

export const CounsellorConfigSchema = v.strictObject({
  /** The relay's base URL (https://, or http:// to this machine). */
  relay: v.optional(v.pipe(v.string('must be text'), v.url('must be a URL such as https://relay.voorbeeld.example'))),
  /** The mailbox id at the relay. */
  mailbox: v.optional(v.pipe(v.string('must be text'), v.regex(MAILBOX_ID_PATTERN, 'must be lower-case letters, digits and dashes'))),
  /** The file holding the bearer token. */
  tokenFile: v.optional(path),
  /** The inbox folder (when the settings file is not in it). */
  inbox: v.optional(path),
  /** The private key file (private.asc). */
  key: v.optional(path),
  /** A file holding the key's passphrase (keep it as private as the key, or leave it out and be asked). */
  passphraseFile: v.optional(path),
  /** The promised response time, in hours; default 48. */
  responseHours: v.optional(
    v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1'), v.maxValue(24 * 60, 'must be at most 1440')),
  ),
  /** The language of the output: nl or en. */
  lang: v.optional(v.picklist(['nl', 'en'], 'must be nl or en')),
});

export type CounsellorConfig = v.InferOutput<typeof CounsellorConfigSchema>;

/** Reads and validates a settings file; file paths in it become absolute, relative to the file. */
export async function readConfig(file: string): Promise<CounsellorConfig> {
  const absolute = resolve(file);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (cause) {
    throw new CounsellorError('config-invalid', `The settings file ${absolute} could not be read: ${(cause as Error).message}.`, {
      cause,
      data: { file: absolute, problem: 'unreadable', detail: (cause as Error).message },
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new CounsellorError('config-invalid', `The settings file ${absolute} is not valid JSON: ${(cause as Error).message}.`, {
      cause,
      data: { file: absolute, problem: 'not-json', detail: (cause as Error).message },
    });
  }
  const result = v.safeParse(CounsellorConfigSchema, json);
  if (!result.success) {
    const detail = describeContractIssues(result.issues);
    throw new CounsellorError('config-invalid', `The settings file ${absolute} is not valid: ${detail}.`, {
      data: { file: absolute, problem: 'form', detail },
    });
  }
  const base = dirname(absolute);
  const config: CounsellorConfig = { ...result.output };
  for (const field of ['tokenFile', 'inbox', 'key', 'passphraseFile'] as const) {
    if (config[field] !== undefined) config[field] = resolve(base, config[field]);
  }
  // A settings file inside the inbox folder names that folder unless it says otherwise.
  if (config.inbox === undefined && absolute.endsWith(`/${CONFIG_FILE_NAME}`)) config.inbox = base;
  return config;
}

/** The per-user settings file: $XDG_CONFIG_HOME/vp-contact/counsellor.json, else ~/.config/vp-contact/counsellor.json. */
export function userConfigFile(env: NodeJS.ProcessEnv = process.env): string {
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and to be ignored.
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg && xdg.startsWith('/') ? xdg : join(env.HOME || homedir(), '.config');
  return join(base, 'vp-contact', 'counsellor.json');
}

async function exists(file: string): Promise<boolean> {
  try {
    await readFile(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * The settings to use, or null: --config, else vp-counsellor.json in the inbox folder, else the
 * per-user file. Never the current folder.
 */
export async function findConfig(options: { config?: string; inbox?: string; env?: NodeJS.ProcessEnv }): Promise<CounsellorConfig | null> {
  if (options.config) return readConfig(options.config);
  if (options.inbox) {
    const inInbox = join(resolve(options.inbox), CONFIG_FILE_NAME);
    if (await exists(inInbox)) return readConfig(inInbox);
  }
  const user = userConfigFile(options.env);
  if (await exists(user)) return readConfig(user);
  return null;
}
