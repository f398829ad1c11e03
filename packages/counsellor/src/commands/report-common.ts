/** What report, hours and demo-data share: the unlock, finding the employer, writing the result. */
import { resolve } from 'node:path';
import { getPassphrase } from '../passphrase.js';
import { openRegisterWith, type OpenRegister } from '../reports/open-register.js';
import { findEmployer as findEmployerIn } from '../reports/employer.js';
import { writeFileDurably, type WorkplaceSettings } from '../workplace/settings.js';
import type { Io } from './output.js';
import { reportCliWords } from './report-words.js';
import { UsageError } from './usage-error.js';

export const UNLOCK_OPTIONS = {
  'passphrase-file': { type: 'string' },
  'report-settings': { type: 'string' },
} as const;

export async function unlockRegister(settings: WorkplaceSettings, passphraseFile: string | undefined, io: Io): Promise<OpenRegister> {
  const w = reportCliWords[settings.lang];
  const passphrase = await getPassphrase({ passphraseFile, env: io.env, prompt: w.passphrasePrompt, missing: w.passphraseMissing });
  return openRegisterWith(settings, passphrase);
}

/** The employer of a mailbox: from the settings (id or short name), else from the register's cases (demo data). */
export function findEmployer(settings: WorkplaceSettings, open: OpenRegister, mailbox: string): { mailboxId: string; employer: string } {
  return findEmployerIn(settings, open.register, mailbox);
}

export function parseYear(text: string | undefined, lang: 'nl' | 'en'): number {
  const year = Number(text);
  if (text === undefined || !/^\d{4}$/.test(text) || year < 2000 || year > 2100) throw new UsageError('badOption', [reportCliWords[lang].year]);
  return year;
}

export function parseFormat<const F extends string>(text: string | undefined, allowed: readonly F[], lang: 'nl' | 'en'): F {
  const format = (text ?? 'html') as F;
  if (!allowed.includes(format)) throw new UsageError('badOption', [reportCliWords[lang].format(allowed.join(', '))]);
  return format;
}

/** Writes the result to --out (whole or not at all), else to standard output. */
export async function emit(content: string | Uint8Array, out: string | undefined, io: Io, lang: 'nl' | 'en'): Promise<void> {
  if (out === undefined) {
    if (typeof content !== 'string') throw new UsageError('badOption', [reportCliWords[lang].out]);
    io.stdout.write(content);
    return;
  }
  const file = resolve(out);
  await writeFileDurably(file, content, 0o600);
  io.stderr.write(`${reportCliWords[lang].written(file)}\n`);
}
