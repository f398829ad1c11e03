/**
 * A mailbox's "notify" setting: where notices go (an e-mail over SMTP, webhooks) and how often.
 * The schema is part of the relay's configuration schema; resolveNotify then checks what a schema
 * cannot (TLS, loopback, secret files) and throws a ConfigError that names the field. No message
 * ever repeats an SMTP URL (it may hold a password), a recipient or a secret.
 */
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import * as v from 'valibot';
import { ConfigError } from '../errors.js';

export const DEFAULT_NOTIFY_INTERVAL_MINUTES = 15;
export const DEFAULT_REMINDER_SHARE = 0.5;
const DEFAULT_NOTIFY_TIME_ZONE = 'Europe/Amsterdam';
const SECRET_MIN_LENGTH = 16;

const email = v.pipe(v.string('must be text'), v.trim(), v.email('must look like an e-mail address, for example vp@voorbeeld.example'));

const EmailTargetSchema = v.strictObject(
  {
    /** smtps://user:password@host:465 (TLS) or smtp://user:password@host:587 (STARTTLS, required). */
    smtp: v.pipe(v.string('must be text'), v.minLength(1, 'must not be empty')),
    /** "none" only for an SMTP server on this machine (127.0.0.1, ::1, localhost). */
    tls: v.optional(v.picklist(['tls', 'starttls', 'none'], 'must be "tls", "starttls" or "none"')),
    from: email,
    to: v.pipe(v.array(email, 'must be a list of e-mail addresses'), v.minLength(1, 'must list at least one address'), v.maxLength(20, 'must list at most 20 addresses')),
  },
  'must be an object with smtp, from and to',
);

const WebhookSchema = v.strictObject(
  {
    url: v.pipe(v.string('must be text'), v.minLength(1, 'must not be empty')),
    /** A file holding the shared secret for the X-VP-Signature header; relative to the configuration file. */
    secretFile: v.optional(v.pipe(v.string('must be text: a file path'), v.minLength(1, 'must not be empty'))),
    /** For ntfy: the topic, sent in the body when the url is the ntfy server's root. */
    topic: v.optional(v.pipe(v.string('must be text'), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, - or _'))),
  },
  'must be an object with url and optionally secretFile and topic',
);

export const NotifySchema = v.strictObject(
  {
    email: v.optional(EmailTargetSchema),
    webhooks: v.optional(v.pipe(v.array(WebhookSchema, 'must be a list'), v.maxLength(8, 'must list at most 8 webhooks')), []),
    intervalMinutes: v.optional(
      v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1'), v.maxValue(1440, 'must be at most 1440')),
      DEFAULT_NOTIFY_INTERVAL_MINUTES,
    ),
    /** The share of responseHours after which a reminder goes out for requests still waiting. */
    reminderAfterShare: v.optional(
      v.pipe(v.number('must be a number'), v.minValue(0.05, 'must be at least 0.05'), v.maxValue(1, 'must be at most 1')),
      DEFAULT_REMINDER_SHARE,
    ),
    lang: v.optional(v.picklist(['nl', 'en'], 'must be "nl" or "en"'), 'nl'),
    timeZone: v.optional(
      v.pipe(
        v.string('must be text'),
        v.check((zone) => {
          try {
            new Intl.DateTimeFormat('en', { timeZone: zone });
            return true;
          } catch {
            return false;
          }
        }, 'must be a time zone such as Europe/Amsterdam'),
      ),
      DEFAULT_NOTIFY_TIME_ZONE,
    ),
  },
  'must be an object with email and/or webhooks',
);

export type NotifyInput = v.InferOutput<typeof NotifySchema>;

interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  readonly tls: 'tls' | 'starttls' | 'none';
  readonly user: string | undefined;
  readonly password: string | undefined;
}

export interface EmailTarget {
  readonly smtp: SmtpSettings;
  readonly from: string;
  readonly to: readonly string[];
}

export interface WebhookTarget {
  readonly url: string;
  readonly secret: string | undefined;
  readonly topic: string | undefined;
}

export interface NotifyConfig {
  readonly email: EmailTarget | undefined;
  readonly webhooks: readonly WebhookTarget[];
  readonly intervalMinutes: number;
  readonly reminderAfterShare: number;
  readonly lang: 'nl' | 'en';
  readonly timeZone: string;
}

/** 127.0.0.0/8, ::1 and localhost: a server on this machine, where plain text does not leave it. */
function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

function parseSmtp(text: string, tls: SmtpSettings['tls'] | undefined, field: string): SmtpSettings {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(`${field}.smtp must be a URL such as smtps://user:password@mail.voorbeeld.example:465 or smtp://user:password@mail.voorbeeld.example:587.`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new ConfigError(`${field}.smtp must start with smtps:// (TLS, port 465) or smtp:// (STARTTLS, port 587).`);
  }
  if (url.pathname !== '' && url.pathname !== '/') throw new ConfigError(`${field}.smtp must not have a path: only user, password, host and port.`);
  const mode = tls ?? (url.protocol === 'smtps:' ? 'tls' : 'starttls');
  if (url.protocol === 'smtps:' && mode !== 'tls') throw new ConfigError(`${field}.tls must be "tls" with an smtps:// URL.`);
  if (url.protocol === 'smtp:' && mode === 'tls') throw new ConfigError(`${field}.tls "tls" needs an smtps:// URL.`);
  if (mode === 'none' && !isLoopback(url.hostname)) {
    throw new ConfigError(
      `${field}.tls is "none" (no encryption) for an SMTP server that is not on this machine; notices would cross the network in plain text. Use smtps:// or smtp:// with STARTTLS.`,
    );
  }
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port === '' ? (mode === 'tls' ? 465 : 587) : Number(url.port),
    tls: mode,
    user: url.username === '' ? undefined : decodeURIComponent(url.username),
    password: url.password === '' ? undefined : decodeURIComponent(url.password),
  };
}

async function readSecret(entry: string, field: string, baseDir: string): Promise<string> {
  const path = resolve(baseDir, entry);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : String(code);
    throw new ConfigError(`${field}: cannot read the secret file ${path} (${why}). Paths are relative to the configuration file's folder.`);
  }
  const secret = text.trim();
  if (secret.length < SECRET_MIN_LENGTH) {
    throw new ConfigError(`${field}: the secret in ${path} is shorter than ${SECRET_MIN_LENGTH} characters; make one with: openssl rand -hex 32 > ${path}`);
  }
  return secret;
}

/** Checks the parsed "notify" of mailboxes[index] and reads its secret files. */
export async function resolveNotify(input: NotifyInput, mailboxIndex: number, baseDir: string): Promise<NotifyConfig> {
  const field = `mailboxes[${mailboxIndex}].notify`;
  if (input.email === undefined && input.webhooks.length === 0) {
    throw new ConfigError(`${field} names no target: give it "email" and/or "webhooks", or leave notify out.`);
  }
  const email = input.email && {
    smtp: parseSmtp(input.email.smtp, input.email.tls, `${field}.email`),
    from: input.email.from,
    to: input.email.to,
  };
  const webhooks: WebhookTarget[] = [];
  for (const [index, hook] of input.webhooks.entries()) {
    const hookField = `${field}.webhooks[${index}]`;
    let url: URL;
    try {
      url = new URL(hook.url);
    } catch {
      throw new ConfigError(`${hookField}.url must be a URL such as https://ntfy.voorbeeld.example/.`);
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
      throw new ConfigError(`${hookField}.url must use https:// (http:// only for a receiver on this machine).`);
    }
    if (url.username !== '' || url.password !== '') {
      throw new ConfigError(`${hookField}.url must not hold a user or password; use secretFile for the signature.`);
    }
    webhooks.push({
      url: url.href,
      secret: hook.secretFile === undefined ? undefined : await readSecret(hook.secretFile, `${hookField}.secretFile`, baseDir),
      topic: hook.topic,
    });
  }
  return {
    email,
    webhooks,
    intervalMinutes: input.intervalMinutes,
    reminderAfterShare: input.reminderAfterShare,
    lang: input.lang,
    timeZone: input.timeZone,
  };
}
