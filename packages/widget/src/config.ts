/**
 * The employer's embed configuration, checked before any form is shown: a form that could not
 * be sent safely is worse than none.
 */
import { normalizeFingerprint } from './fingerprint.js';

export interface Config {
  relay: string;
  mailbox: string;
  fingerprints: string[];
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const MAILBOX = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
// v4 fingerprints are 40 hex digits, v6 ones 64.
const FINGERPRINT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** A list attribute: items separated by commas (or, for fingerprints, spaces), blanks dropped. */
export function splitList(value: string | undefined, separators: RegExp = /,/): string[] {
  return (value ?? '')
    .split(separators)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * Fingerprints may be written with spaces between groups of four (as gpg prints them), so they
 * are separated by commas; when there is no comma, by whitespace between whole fingerprints.
 */
export function splitFingerprints(value: string | undefined): string[] {
  const text = (value ?? '').trim();
  if (text.includes(',')) return splitList(text).map(normalizeFingerprint);
  const compact = normalizeFingerprint(text);
  if (FINGERPRINT.test(compact)) return [compact];
  return splitList(text, /\s+/).map(normalizeFingerprint);
}

/** What is wrong with the configuration, one English line per problem (for the employer). */
export function checkConfig(input: { relay?: string; mailbox?: string; fingerprints?: string }): {
  config: Config | null;
  problems: string[];
} {
  const problems: string[] = [];
  let relay = '';
  if (!input.relay) {
    problems.push('The relay attribute is missing: set it to the URL of the provider\'s relay, for example https://relay.voorbeeld.example.');
  } else {
    try {
      const url = new URL(input.relay, document.baseURI);
      const local = LOOPBACK.has(url.hostname);
      if (url.protocol !== 'https:' && !(local && url.protocol === 'http:')) {
        problems.push(`The relay "${input.relay}" must be an https:// URL (http:// only for localhost).`);
      } else if (url.search || url.hash || url.username || url.password) {
        problems.push(`The relay "${input.relay}" must be a plain URL without query, fragment or credentials.`);
      } else {
        relay = url.href.replace(/\/+$/, '');
      }
    } catch {
      problems.push(`The relay "${input.relay}" is not a URL.`);
    }
  }
  const mailbox = (input.mailbox ?? '').trim();
  if (!MAILBOX.test(mailbox)) {
    problems.push(mailbox ? `The mailbox "${mailbox}" is not a valid mailbox id.` : 'The mailbox attribute is missing: set it to the mailbox id the provider gave you.');
  }
  const fingerprints = splitFingerprints(input.fingerprints);
  if (fingerprints.length === 0) {
    problems.push('The fingerprints attribute is missing: set it to the fingerprint of the provider\'s key. It is what stops anyone else from swapping in a key of their own.');
  }
  for (const fingerprint of fingerprints) {
    if (!FINGERPRINT.test(fingerprint)) problems.push(`"${fingerprint}" is not an OpenPGP fingerprint (40 or 64 hexadecimal digits).`);
  }
  return { config: problems.length === 0 ? { relay, mailbox, fingerprints } : null, problems };
}
