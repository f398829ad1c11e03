/**
 * The one shape of a command: its options (typed through node:util parseArgs), its help and
 * summary (from the i18n module, by name), and what it does. defineCommand does the opening every
 * command shares: parse strictly, answer --help, read the settings, then run.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CommandName } from '../i18n.js';
import { messages } from '../i18n.js';
import type { Io } from './output.js';
import { earlyLang, languageOnly, readSettings, type Settings } from './settings.js';
import { UsageError } from './usage-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Every command takes these. */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  lang: { type: 'string' },
  config: { type: 'string' },
  debug: { type: 'boolean' },
} as const satisfies Options;

/** The commands that unlock the private key take these. */
export const KEY_OPTIONS = {
  key: { type: 'string' },
  'passphrase-file': { type: 'string' },
  'response-hours': { type: 'string' },
} as const satisfies Options;

type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ options: typeof COMMON_OPTIONS & O; strict: true; allowPositionals: boolean }>>;

export interface CommandContext<O extends Options> {
  readonly values: Parsed<O>['values'];
  readonly positionals: readonly string[];
  readonly settings: Settings;
  readonly io: Io;
}

export interface Command {
  readonly name: CommandName;
  run(args: string[], io: Io): Promise<number>;
}

export interface CommandSpec<O extends Options> {
  readonly name: CommandName;
  readonly options: O;
  /** Whether the command takes arguments besides options (a file, a reference). */
  readonly positionals?: boolean;
  /**
   * 'workplace': the command reads the workplace's settings itself (its --config names a
   * workplace.json, which the single-mailbox settings reader would refuse); only --lang is read here.
   */
  readonly settings?: 'workplace';
  run(context: CommandContext<O>): Promise<number>;
}

/**
 * Runs parseArgs strictly; an unknown or malformed option becomes a usage error that names it
 * (in Node's words, which have no Dutch version).
 */
export function parseCommandLine<O extends Options>(args: string[], options: O, allowPositionals: boolean): { values: Record<string, unknown>; positionals: string[] } {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals });
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '.');
    throw new UsageError('badOption', [/[.!?]$/.test(message) ? message : `${message}.`], { cause: error });
  }
}

export function defineCommand<const O extends Options>(spec: CommandSpec<O>): Command {
  return {
    name: spec.name,
    async run(args, io) {
      const options = { ...COMMON_OPTIONS, ...spec.options } as typeof COMMON_OPTIONS & O;
      const { values, positionals } = parseCommandLine(args, options, spec.positionals ?? false) as unknown as Parsed<O>;
      if ((values as { help?: boolean }).help) {
        io.stdout.write(messages[earlyLang(args, io.env)].help[spec.name]);
        return 0;
      }
      const settings = spec.settings === 'workplace' ? languageOnly(values, io) : await readSettings(values, io);
      return spec.run({ values, positionals, settings, io });
    },
  };
}
