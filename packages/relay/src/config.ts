/**
 * The relay's configuration: one JSON file, checked with valibot at start, every mailbox's public
 * keys read and checked with @vp-contact/protocol, and every mailbox card verified against them
 * (cards.ts). Anything wrong stops the start with one message that names the field (or the mailbox
 * and key or card) and what is wrong; what is only out of date becomes a warning.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import * as v from 'valibot';
import { isProtocolError, PHONE_PATTERN, readRecipientKey, type RecipientKey } from '@vp-contact/protocol';
import { MAILBOX_ID_PATTERN, textLine } from '@vp-contact/protocol/http';
import { checkMailboxCards, type CardFile, type CardWarning, type CheckedCard } from './cards.js';
import { ConfigError } from './errors.js';
import { NotifySchema, resolveNotify, type NotifyConfig } from './notify/config.js';
import { usableUntil } from './notify/key-expiry.js';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8787;
export const DEFAULT_DATABASE = 'sqlite:./data/relay.db';
export const DEFAULT_POSTS_PER_MINUTE = 60;
export const DEFAULT_FAILED_TOKENS_PER_MINUTE = 10;
export const DEFAULT_RESPONSE_HOURS = 48;
export const DEFAULT_RETENTION_DAYS = 30;

const TOKEN_HASH_PATTERN = /^sha256:[0-9a-f]{64}$/;
/** As MailboxDescriptorSchema allows: at most 8 cards of at most 16 KiB each. */
const CARDS_MAX = 8;
const CARD_MAX_BYTES = 16 * 1024;

// The same rule the widget applies to a card and the descriptor, so a name the relay accepts is one it can show.
const text = textLine;

const wholeNumber = (min: number, max: number) =>
  v.pipe(
    v.number('must be a number'),
    v.integer('must be a whole number'),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  );

const nonEmptyList = <T extends v.GenericSchema>(item: T, what: string) =>
  v.pipe(v.array(item, 'must be a list'), v.minLength(1, `must list at least one ${what}`));

/** An origin as a browser sends it in the Origin header: scheme, host, optional port, nothing else. */
const origin = v.pipe(
  v.string('must be text'),
  v.check((s) => {
    try {
      const url = new URL(s);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === s;
    } catch {
      return false;
    }
  }, 'must be an origin such as https://intranet.voorbeeld.example (scheme and host, optional port, no path or trailing slash)'),
);

const MailboxSchema = v.strictObject(
  {
    id: v.pipe(v.string('must be text'), v.regex(MAILBOX_ID_PATTERN, 'must be 1 to 64 lower-case letters, digits and dashes')),
    displayName: text(100),
    contact: v.pipe(
      v.strictObject(
        {
          phone: v.optional(
            v.pipe(text(30), v.regex(PHONE_PATTERN, 'must look like a phone number, for example +31 20 000 0000')),
          ),
          email: v.optional(v.pipe(text(254), v.email('must look like an e-mail address, for example vp@voorbeeld.example'))),
        },
        'must be an object with phone and/or email',
      ),
      v.check((c) => c.phone !== undefined || c.email !== undefined, 'needs a phone number or an e-mail address'),
    ),
    publicKeys: nonEmptyList(
      v.pipe(v.string('must be text: an armored key or a file path'), v.minLength(1, 'must not be empty')),
      'public key',
    ),
    /** Signed mailbox cards: file paths, relative to this file's folder. Verified at start, served as they are. */
    cards: v.optional(
      v.pipe(
        v.array(v.pipe(v.string('must be text: a file path'), v.minLength(1, 'must not be empty')), 'must be a list of file paths'),
        v.maxLength(CARDS_MAX, `must list at most ${CARDS_MAX} cards`),
      ),
      [],
    ),
    allowedOrigins: nonEmptyList(origin, 'origin'),
    counsellorTokenHashes: nonEmptyList(
      v.pipe(
        v.string('must be text'),
        v.trim(),
        v.toLowerCase(),
        v.regex(TOKEN_HASH_PATTERN, 'must be sha256:<64 hex digits>, as printed by vp-counsellor token'),
      ),
      'token hash',
    ),
    responseHours: v.optional(wholeNumber(1, 720), DEFAULT_RESPONSE_HOURS),
    retentionDays: v.optional(wholeNumber(1, 3650), DEFAULT_RETENTION_DAYS),
    /** Where notices that something is waiting go (notify/config.ts). */
    notify: v.optional(NotifySchema),
  },
  'must be an object',
);

export const RelayConfigSchema = v.strictObject(
  {
    listen: v.optional(
      v.strictObject(
        {
          host: v.optional(v.pipe(v.string('must be text'), v.minLength(1, 'must not be empty')), DEFAULT_HOST),
          port: v.optional(wholeNumber(0, 65535), DEFAULT_PORT),
        },
        'must be an object with host and port',
      ),
      {},
    ),
    database: v.optional(
      v.pipe(
        v.string('must be text'),
        v.check(
          (s) => /^(sqlite:|postgres:\/\/|postgresql:\/\/)/.test(s),
          'must be sqlite:PATH (relative to this file, or absolute) or postgres://user:password@host:5432/database',
        ),
      ),
      DEFAULT_DATABASE,
    ),
    trustProxy: v.optional(v.boolean('must be true or false'), false),
    limits: v.optional(
      v.strictObject(
        {
          postsPerMinute: v.optional(wholeNumber(1, 1_000_000), DEFAULT_POSTS_PER_MINUTE),
          failedTokensPerMinute: v.optional(wholeNumber(1, 1_000_000), DEFAULT_FAILED_TOKENS_PER_MINUTE),
        },
        'must be an object with postsPerMinute and failedTokensPerMinute',
      ),
      {},
    ),
    mailboxes: v.pipe(
      nonEmptyList(MailboxSchema, 'mailbox'),
      v.check((list) => new Set(list.map((m) => m.id)).size === list.length, 'must not use the same id twice'),
    ),
  },
  'must be a JSON object',
);

export type ConfigInput = v.InferInput<typeof RelayConfigSchema>;

/** A mailbox key as the relay uses it: checked at start, re-armored, with its encryption key ids. */
export interface MailboxKey {
  /** Where it came from, for messages: the file path, or "inline key N". */
  readonly source: string;
  readonly armored: string;
  /** The primary key's fingerprint, upper-case hex. */
  readonly fingerprint: string;
  /** Key ids (16 lower-case hex digits) of the (sub)keys that may encrypt, as inspectCiphertext reports them. */
  readonly encryptionKeyIds: readonly string[];
  readonly expiresAt: Date | null;
  /** When it stops taking new requests: its expiry or its last encryption subkey's, the earlier (for notices). */
  readonly usableUntil: Date | null;
}

export interface MailboxConfig {
  readonly id: string;
  readonly displayName: string;
  readonly contact: { readonly phone?: string; readonly email?: string };
  readonly keys: readonly MailboxKey[];
  /** The mailbox cards' armored text, exactly as in their files, in the order of `cards`. */
  readonly cards: readonly string[];
  /** What the check at load found for each card, in the same order. */
  readonly cardChecks: readonly CheckedCard[];
  /** The cards and keys as checked at load, for the checks while the relay runs (card-watch.ts). */
  readonly cardCheck: { readonly files: readonly CardFile[]; readonly keys: readonly RecipientKey[] };
  readonly allowedOrigins: readonly string[];
  readonly counsellorTokenHashes: readonly string[];
  readonly responseHours: number;
  readonly retentionDays: number;
  /** Where notices go; undefined when the mailbox has none. */
  readonly notify?: NotifyConfig;
}

export interface RelayConfig {
  /** The folder of the configuration file: relative key paths and sqlite: paths start there. */
  readonly baseDir: string;
  readonly listen: { readonly host: string; readonly port: number };
  readonly database: string;
  readonly trustProxy: boolean;
  readonly limits: { readonly postsPerMinute: number; readonly failedTokensPerMinute: number };
  readonly mailboxes: readonly MailboxConfig[];
  /** What the relay warns about at start (and vp-relay --check prints): cards out of date, mailboxes without a valid card. */
  readonly warnings: readonly CardWarning[];
}

export interface ResolveOptions {
  /** The time to check the cards at; now by default. */
  readonly now?: Date;
}

/** `mailboxes[0].publicKeys[1]` from a valibot issue path. */
function formatPath(issue: v.BaseIssue<unknown>): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = (item as { key: unknown }).key;
    out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function describeIssue(issue: v.BaseIssue<unknown>): string {
  const path = formatPath(issue);
  const last = issue.path?.at(-1) as { key: unknown } | undefined;
  if (last && issue.kind === 'schema' && issue.input === undefined) return `${path} is missing`;
  // valibot reports an unknown field as an object issue whose input is the field's name.
  if (last && issue.type === 'strict_object' && issue.input === last.key) {
    return `${path} is not a setting the relay knows (check the spelling)`;
  }
  return path === '' ? `the file ${issue.message}` : `${path} ${issue.message}`;
}

/** Every problem valibot found, as one line: `mailboxes[0].id must be …; listen.port must be …`. */
function describeConfigIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const shown = issues.slice(0, 5).map(describeIssue);
  if (issues.length > shown.length) shown.push(`and ${issues.length - shown.length} more`);
  return shown.join('; ');
}

/** Why a file could not be read, in words a provider can act on. */
function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : String(code ?? error);
}

const ARMOR_START = '-----BEGIN PGP';

async function readMailboxKey(
  entry: string,
  index: number,
  mailboxIndex: number,
  mailboxId: string,
  baseDir: string,
): Promise<{ key: MailboxKey; recipient: RecipientKey }> {
  const field = `mailboxes[${mailboxIndex}].publicKeys[${index}]`;
  let armored: string;
  let source: string;
  if (entry.trimStart().startsWith(ARMOR_START)) {
    armored = entry;
    source = `inline key ${index + 1}`;
  } else {
    source = resolve(baseDir, entry);
    try {
      armored = await readFile(source, 'utf8');
    } catch (error) {
      throw new ConfigError(
        `${field}: cannot read the key file ${source} for mailbox "${mailboxId}" (${readFailure(error)}). Paths are relative to the configuration file's folder.`,
      );
    }
  }
  try {
    const key = await readRecipientKey(armored);
    return {
      key: {
        source,
        armored: key.key.armor(),
        fingerprint: key.fingerprint.toUpperCase(),
        encryptionKeyIds: key.encryptionKeyIds.map((id) => id.toLowerCase()),
        expiresAt: key.expiresAt,
        usableUntil: await usableUntil(key),
      },
      recipient: key,
    };
  } catch (error) {
    if (!isProtocolError(error)) throw error;
    const advice =
      error.code === 'key-expired' || error.code === 'key-revoked' || error.code === 'no-encryption-key'
        ? ' Make a new key (vp-counsellor keygen), or remove this one from the mailbox.'
        : error.code === 'key-not-public'
          ? ' Put the public key (public.asc) in the relay configuration, never the private key.'
          : '';
    throw new ConfigError(`${field}: mailbox "${mailboxId}", key ${source}: ${error.message}${advice}`);
  }
}

const CARD_BEGIN = '-----BEGIN PGP MESSAGE-----';
const CARD_END = '-----END PGP MESSAGE-----';

/**
 * A mailbox card file: read once, at start (a changed card is served after a restart). Here its
 * form: ASCII-armored OpenPGP message, at most 16 KiB; cards.ts then verifies it against the
 * mailbox's keys. The widget verifies it again, against the pinned fingerprint: it trusts no relay.
 */
async function readMailboxCard(entry: string, index: number, mailboxIndex: number, mailboxId: string, baseDir: string): Promise<CardFile> {
  const field = `mailboxes[${mailboxIndex}].cards[${index}]`;
  const source = resolve(baseDir, entry);
  const problem = (what: string) => new ConfigError(`${field}: mailbox "${mailboxId}", card ${source}: ${what}`);
  let bytes: Buffer;
  try {
    bytes = await readFile(source);
  } catch (error) {
    throw new ConfigError(
      `${field}: cannot read the card file ${source} for mailbox "${mailboxId}" (${readFailure(error)}). Paths are relative to the configuration file's folder.`,
    );
  }
  if (bytes.length > CARD_MAX_BYTES) {
    throw problem(`the file is ${bytes.length} bytes; a mailbox card is at most ${CARD_MAX_BYTES} bytes (16 KiB). Check that this is the card file.`);
  }
  const armored = bytes.toString('latin1');
  const trimmed = armored.trim();
  // Armor is ASCII: anything else (a byte over 0x7f, a control character) is not a card as made.
  if (!/^[\x20-\x7e\t\r\n]*$/.test(armored) || !trimmed.startsWith(CARD_BEGIN) || !trimmed.endsWith(CARD_END)) {
    const hint = trimmed.startsWith('-----BEGIN PGP SIGNED MESSAGE-----')
      ? ' This is a clear-signed text; a card is a signed message in armor, which starts with -----BEGIN PGP MESSAGE-----.'
      : trimmed.startsWith('-----BEGIN PGP PUBLIC KEY BLOCK-----')
        ? ' This is a public key; keys belong in publicKeys.'
        : '';
    throw problem(`the file must hold one ASCII-armored OpenPGP signed message, from ${CARD_BEGIN} to ${CARD_END}.${hint}`);
  }
  return { field, source, armored };
}

/** Checks a parsed configuration and reads its keys and cards; `baseDir` is where relative paths start. */
export async function resolveConfig(input: unknown, baseDir: string, source = 'The configuration', options: ResolveOptions = {}): Promise<RelayConfig> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ConfigError(`${source} is not valid: it must be a JSON object ({"mailboxes": [...]}).`);
  }
  const parsed = v.safeParse(RelayConfigSchema, input);
  if (!parsed.success) {
    throw new ConfigError(`${source} is not valid: ${describeConfigIssues(parsed.issues)}.`);
  }
  const config = parsed.output;
  const now = options.now ?? new Date();
  const mailboxes: MailboxConfig[] = [];
  const warnings: CardWarning[] = [];
  for (const [mailboxIndex, mailbox] of config.mailboxes.entries()) {
    const keys: MailboxKey[] = [];
    const recipients: RecipientKey[] = [];
    for (const [index, entry] of mailbox.publicKeys.entries()) {
      const { key, recipient } = await readMailboxKey(entry, index, mailboxIndex, mailbox.id, baseDir);
      keys.push(key);
      recipients.push(recipient);
    }
    const files: CardFile[] = [];
    for (const [index, entry] of mailbox.cards.entries()) {
      files.push(await readMailboxCard(entry, index, mailboxIndex, mailbox.id, baseDir));
    }
    const checked = await checkMailboxCards(mailbox.id, files, recipients, now);
    warnings.push(...checked.warnings);
    mailboxes.push({
      id: mailbox.id,
      displayName: mailbox.displayName,
      contact: mailbox.contact,
      keys,
      cards: files.map((file) => file.armored),
      cardChecks: checked.cards,
      cardCheck: { files, keys: recipients },
      allowedOrigins: mailbox.allowedOrigins,
      counsellorTokenHashes: mailbox.counsellorTokenHashes,
      responseHours: mailbox.responseHours,
      retentionDays: mailbox.retentionDays,
      ...(mailbox.notify === undefined ? {} : { notify: await resolveNotify(mailbox.notify, mailboxIndex, baseDir) }),
    });
  }
  return {
    baseDir,
    listen: { host: config.listen.host, port: config.listen.port },
    database: config.database,
    trustProxy: config.trustProxy,
    limits: config.limits,
    mailboxes,
    warnings,
  };
}

/** Reads, parses and checks the configuration file; every failure is a ConfigError. */
export async function loadConfig(file: string, options: ResolveOptions = {}): Promise<RelayConfig> {
  const path = resolve(file);
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read the configuration file ${path} (${readFailure(error)}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (error) {
    throw new ConfigError(`The configuration file ${path} is not valid JSON: ${(error as Error).message}.`);
  }
  return resolveConfig(json, dirname(path), `The configuration file ${path}`, options);
}
