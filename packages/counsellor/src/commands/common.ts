/**
 * What every command shares: argument parsing with the common options, the language, the config
 * file, and unlocking the private key.
 */
import { readFile, stat } from 'node:fs/promises';
import type { ParseArgsConfig } from 'node:util';
import type * as openpgp from 'openpgp';
import { findConfig, type Config } from '../config.js';
import { unlockPrivateKey } from '../decrypt.js';
import { CounsellorError } from '../errors.js';
import { detectLang, messages, type Lang, type Messages } from '../i18n.js';
import { getPassphrase } from '../passphrase.js';

export interface Io {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
}

export interface Command {
  readonly name: string;
  readonly summary: Record<Lang, string>;
  run(args: string[], io: Io): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  lang: { type: 'string' },
  config: { type: 'string' },
  debug: { type: 'boolean' },
} as const satisfies Options;

export const KEY_OPTIONS = {
  key: { type: 'string' },
  'passphrase-file': { type: 'string' },
  'response-hours': { type: 'string' },
} as const satisfies Options;

/** Wrong usage (exit 2): the message in English, and in Dutch for --lang nl. */
export function usage(message: string, dutch: string): CounsellorError {
  return new CounsellorError('usage', message, { dutch });
}

/** Runs parseArgs (strict): an unknown or malformed option becomes a usage error naming it. */
export function parsing<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '.');
    const sentence = /[.!?]$/.test(message) ? message : `${message}.`;
    // Node's own message names the option; it has no Dutch version.
    throw usage(sentence, `Onbekende of onjuiste optie (${sentence})`);
  }
}

export interface Settings extends Config {
  readonly lang: Lang;
  readonly t: Messages;
}

/** Command-line options first, then the config file, then the environment's language. */
export async function settings(values: Record<string, unknown>, io: Io): Promise<Settings> {
  const inbox = (values.inbox as string | undefined) ?? io.env.VP_INBOX;
  const config = (await findConfig({ config: values.config as string | undefined, inbox })) ?? {};
  const pick = <K extends keyof Config>(field: K, option: string) => ((values[option] as Config[K] | undefined) ?? config[field]);
  let responseHours = config.responseHours;
  if (values['response-hours'] !== undefined) {
    responseHours = Number(values['response-hours']);
    if (!Number.isInteger(responseHours) || responseHours < 1) throw usage('--response-hours must be a whole number of hours, at least 1.', '--response-hours moet een heel aantal uren zijn, minstens 1.');
  }
  const lang = detectLang((values.lang as string | undefined) ?? config.lang, io.env);
  if (values.lang !== undefined && values.lang !== 'nl' && values.lang !== 'en') throw usage('--lang must be nl or en.', '--lang moet nl of en zijn.');
  return {
    relay: pick('relay', 'relay'),
    mailbox: pick('mailbox', 'mailbox'),
    tokenFile: pick('tokenFile', 'token-file'),
    inbox: (values.inbox as string | undefined) ?? config.inbox ?? io.env.VP_INBOX,
    key: pick('key', 'key'),
    passphraseFile: pick('passphraseFile', 'passphrase-file'),
    responseHours: responseHours ?? 48,
    lang,
    t: messages[lang],
  };
}

export function required<T>(value: T | undefined, option: string): T {
  if (value === undefined || value === '') {
    throw usage(`${option} is needed (on the command line or in vp-counsellor.json).`, `${option} is nodig (op de opdrachtregel of in vp-counsellor.json).`);
  }
  return value;
}

/** Reads the private key file and unlocks it, asking for the passphrase only when it has one. */
export async function loadPrivateKey(s: Settings, io: Io): Promise<openpgp.PrivateKey> {
  const file = required(s.key, '--key');
  let armored: string;
  try {
    // Not refused (a copy on a USB stick may have other modes), but never silently accepted.
    if (process.platform !== 'win32' && ((await stat(file)).mode & 0o077) !== 0) io.stderr.write(`${s.t.keyReadableByOthers(file)}\n`);
    armored = await readFile(file, 'utf8');
  } catch (cause) {
    throw new CounsellorError('key-file-unreadable', `The private key file ${file} could not be read: ${(cause as Error).message}.`, { cause });
  }
  return unlockPrivateKey(armored, () =>
    getPassphrase({ passphraseFile: s.passphraseFile, env: io.env, prompt: s.t.passphrasePrompt, missing: s.t.passphraseMissing }),
  );
}

/** The language for help and errors before the config is read: --lang or the locale. */
export function earlyLang(args: string[], env: NodeJS.ProcessEnv): Lang {
  const index = args.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const value = index === -1 ? undefined : args[index]!.includes('=') ? args[index]!.split('=')[1] : args[index + 1];
  return detectLang(value, env);
}
