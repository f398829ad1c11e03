/**
 * vp-counsellor.json: the options a counsellor would otherwise type every day. Looked for at
 * --config, else in the inbox folder (--inbox or VP_INBOX), else in the current folder. Paths in
 * it are relative to the file itself.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import * as v from 'valibot';
import { describeIssues } from '@vp-contact/protocol/schema';
import { CounsellorError } from './errors.js';

export const CONFIG_FILE_NAME = 'vp-counsellor.json';

export const ConfigSchema = v.strictObject({
  /** The relay's base URL. */
  relay: v.optional(v.pipe(v.string(), v.url('must be a URL such as https://relay.voorbeeld.example'))),
  /** The mailbox id at the relay. */
  mailbox: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,64}$/, 'must be lower-case letters, digits and dashes'))),
  /** The file holding the bearer token. */
  tokenFile: v.optional(v.pipe(v.string(), v.minLength(1))),
  /** The inbox folder (when the config file is not in it). */
  inbox: v.optional(v.pipe(v.string(), v.minLength(1))),
  /** The private key file (private.asc). */
  key: v.optional(v.pipe(v.string(), v.minLength(1))),
  /** A file holding the key's passphrase (keep it as private as the key, or leave it out and be asked). */
  passphraseFile: v.optional(v.pipe(v.string(), v.minLength(1))),
  /** The promised response time, in hours; default 48. */
  responseHours: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(24 * 60))),
  /** The language of the output: nl or en. */
  lang: v.optional(v.picklist(['nl', 'en'])),
});

export type Config = v.InferOutput<typeof ConfigSchema>;

/** Reads and validates a config file; file paths in it become absolute, relative to the file. */
export async function readConfig(path: string): Promise<Config> {
  const file = resolve(path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new CounsellorError('config-invalid', `The config file ${file} could not be read: ${(cause as Error).message}.`, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new CounsellorError('config-invalid', `The config file ${file} is not valid JSON: ${(cause as Error).message}.`, { cause });
  }
  const result = v.safeParse(ConfigSchema, json);
  if (!result.success) {
    throw new CounsellorError('config-invalid', `The config file ${file} is not valid: ${describeIssues(result.issues)}.`);
  }
  const base = dirname(file);
  const config: Config = { ...result.output };
  for (const field of ['tokenFile', 'inbox', 'key', 'passphraseFile'] as const) {
    if (config[field] !== undefined) config[field] = resolve(base, config[field]!);
  }
  // A config file inside the inbox folder names that folder unless it says otherwise.
  if (config.inbox === undefined && file.endsWith(`/${CONFIG_FILE_NAME}`)) config.inbox = base;
  return config;
}

/** The config file to use, or null: --config, else vp-counsellor.json in the inbox, else in cwd. */
export async function findConfig(options: { config?: string; inbox?: string; cwd?: string }): Promise<Config | null> {
  if (options.config) return readConfig(options.config);
  for (const dir of [options.inbox, options.cwd ?? process.cwd()]) {
    if (!dir) continue;
    const candidate = join(resolve(dir), CONFIG_FILE_NAME);
    try {
      await readFile(candidate);
    } catch {
      continue;
    }
    return readConfig(candidate);
  }
  return null;
}
