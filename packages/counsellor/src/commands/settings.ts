/**
 * What the commands share after parsing: the settings (command line first, then the settings
 * file, then the environment), the language, the check on secret files, and unlocking the key.
 */
import { readFile } from 'node:fs/promises';
import type * as openpgp from 'openpgp';
import { findConfig, type CounsellorConfig } from '../config.js';
import { unlockPrivateKey } from '../decrypt.js';
import { CounsellorError } from '../errors.js';
import { detectLang, messages, type Lang, type Messages } from '../i18n.js';
import { getPassphrase } from '../passphrase.js';
import { isOpenToOthers } from '../private-file.js';
import type { Io } from './output.js';
import { usage } from './usage-error.js';

export interface Settings extends CounsellorConfig {
  readonly responseHours: number;
  readonly lang: Lang;
  readonly t: Messages;
}

/** Command-line options first, then the settings file, then the environment's language. */
export async function readSettings(values: Record<string, unknown>, io: Io): Promise<Settings> {
  const option = (name: string) => values[name] as string | undefined;
  if (option('lang') !== undefined && option('lang') !== 'nl' && option('lang') !== 'en') throw usage('lang');
  const inbox = option('inbox') ?? io.env.VP_INBOX;
  const config = (await findConfig({ config: option('config'), inbox, env: io.env })) ?? {};
  let responseHours = config.responseHours ?? 48;
  if (option('response-hours') !== undefined) {
    responseHours = Number(option('response-hours'));
    if (!Number.isInteger(responseHours) || responseHours < 1) throw usage('responseHours');
  }
  const lang = detectLang(option('lang') ?? config.lang, io.env);
  return {
    relay: option('relay') ?? config.relay,
    mailbox: option('mailbox') ?? config.mailbox,
    tokenFile: option('token-file') ?? config.tokenFile,
    inbox: option('inbox') ?? config.inbox ?? io.env.VP_INBOX,
    key: option('key') ?? config.key,
    passphraseFile: option('passphrase-file') ?? config.passphraseFile,
    responseHours,
    lang,
    t: messages[lang],
  };
}

/** The settings of a command that reads its own settings file: the language only. */
export function languageOnly(values: Record<string, unknown>, io: Io): Settings {
  const option = values.lang as string | undefined;
  if (option !== undefined && option !== 'nl' && option !== 'en') throw usage('lang');
  const lang = detectLang(option, io.env);
  return { responseHours: 48, lang, t: messages[lang] };
}

export function required<T>(value: T | undefined, option: string): T {
  if (value === undefined || value === '') throw usage('needed', option);
  return value;
}

/**
 * The one check for every secret file (private key, passphrase file, token file): one that other
 * users can read is used, with a warning that says how to fix it.
 */
export async function warnIfOpenToOthers(file: string, s: Settings, io: Io): Promise<void> {
  if (await isOpenToOthers(file)) io.stderr.write(`${s.t.openToOthers(file)}\n`);
}

/** Reads the token file (checked like every secret file). */
export async function readTokenFile(s: Settings, io: Io): Promise<string> {
  const file = required(s.tokenFile, '--token-file');
  await warnIfOpenToOthers(file, s, io);
  try {
    return await readFile(file, 'utf8');
  } catch (cause) {
    const detail = (cause as NodeJS.ErrnoException).code ?? (cause as Error).message;
    throw new CounsellorError('token-file-unreadable', `The token file ${file} could not be read: ${detail}.`, { cause, data: { file, detail } });
  }
}

/** The passphrase: from the passphrase file (checked like every secret file), VP_PASSPHRASE, or asked. */
export async function passphraseFor(s: Settings, io: Io, prompt: string, passphraseFile = s.passphraseFile): Promise<string> {
  if (passphraseFile) await warnIfOpenToOthers(passphraseFile, s, io);
  return getPassphrase({ passphraseFile, env: io.env, prompt, missing: s.t.passphraseMissing });
}

/** The armored private key in `file`, after the same permission check as every secret file. */
export async function readKeyFile(file: string, s: Settings, io: Io): Promise<string> {
  await warnIfOpenToOthers(file, s, io);
  try {
    return await readFile(file, 'utf8');
  } catch (cause) {
    throw new CounsellorError('key-file-unreadable', `The private key file ${file} could not be read: ${(cause as Error).message}.`, {
      cause,
      data: { file, detail: (cause as Error).message },
    });
  }
}

/** Reads the private key file and unlocks it, asking for the passphrase only when it has one. */
export async function loadPrivateKey(s: Settings, io: Io): Promise<openpgp.PrivateKey> {
  const armored = await readKeyFile(required(s.key, '--key'), s, io);
  return unlockPrivateKey(armored, () => passphraseFor(s, io, s.t.passphrasePrompt));
}

/** The language for help and errors before the settings are read: --lang or the locale. */
export function earlyLang(args: string[], env: NodeJS.ProcessEnv): Lang {
  const index = args.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const value = index === -1 ? undefined : args[index]!.includes('=') ? args[index]!.split('=')[1] : args[index + 1];
  return detectLang(value, env);
}
