/**
 * The reference code the employee sees after sending and the counsellor quotes on first contact,
 * so the employee knows the call is genuine. No look-alike characters (0/O, 1/I/L), so it can be
 * read aloud over the phone.
 */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const REFERENCE_PATTERN = /^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/;

/** A new reference such as `K7P-4QX`, drawn from the platform's CSPRNG without modulo bias. */
export function makeReference(): string {
  const n = REFERENCE_ALPHABET.length;
  const limit = 256 - (256 % n);
  const chars: string[] = [];
  const buffer = new Uint8Array(16);
  while (chars.length < 6) {
    crypto.getRandomValues(buffer);
    for (const byte of buffer) {
      if (byte < limit && chars.length < 6) chars.push(REFERENCE_ALPHABET[byte % n]!);
    }
  }
  return `${chars.slice(0, 3).join('')}-${chars.slice(3).join('')}`;
}

/** What a person typed or heard, in upper case without spaces or dashes. */
const compact = (input: string) => input.toUpperCase().replace(/[\s-]/g, '');

/** A reference or its start as typed (any case, spaces, with or without the dash), compacted: `K7P4`; null if no reference starts so. */
export function compactReferenceStart(input: string): string | null {
  const typed = compact(input);
  return /^[2-9A-HJKMNP-Z]{1,6}$/.test(typed) ? typed : null;
}

/** Normalises what a person typed (lower case, spaces, no dash) to the canonical form, or null. */
export function normalizeReference(input: string): string | null {
  const typed = compactReferenceStart(input);
  if (typed === null || typed.length !== 6) return null;
  return `${typed.slice(0, 3)}-${typed.slice(3)}`;
}
