/**
 * The employer's embed configuration, checked before any form is shown: a form that could not
 * be sent safely is worse than none.
 */
// Only the patterns: valibot, which the same module uses for its schemas, stays out of the first chunk.
import { FINGERPRINT_PATTERN, MAILBOX_ID_PATTERN, normalizeFingerprint } from '@vp-contact/protocol/http';

export interface Config {
  relay: string;
  mailbox: string;
  fingerprints: string[];
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

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
function splitFingerprints(value: string | undefined): string[] {
  const text = (value ?? '').trim();
  if (text.includes(',')) return splitList(text).map(normalizeFingerprint);
  const compact = normalizeFingerprint(text);
  if (FINGERPRINT_PATTERN.test(compact)) return [compact];
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
    problems.push('The relay attribute is missing: set it to the provider\'s relay URL.');
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
  // The relay's own rule: a mailbox it would refuse is a configuration problem, not a failed send.
  if (!MAILBOX_ID_PATTERN.test(mailbox)) {
    problems.push(
      mailbox
        ? `The mailbox "${mailbox}" is not a mailbox id (lower-case letters, digits and dashes).`
        : 'The mailbox attribute is missing: set it to the mailbox id the provider gave you.',
    );
  }
  const fingerprints = splitFingerprints(input.fingerprints);
  if (fingerprints.length === 0) {
    problems.push('The fingerprints attribute is missing: set it to the fingerprint of the provider\'s key.');
  }
  for (const fingerprint of fingerprints) {
    if (!FINGERPRINT_PATTERN.test(fingerprint)) problems.push(`"${fingerprint}" is not an OpenPGP fingerprint (40 or 64 hexadecimal digits).`);
  }
  return { config: problems.length === 0 ? { relay, mailbox, fingerprints } : null, problems };
}
