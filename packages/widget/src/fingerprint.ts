/** The protocol's rule, repeated here so the main chunk does not pull in OpenPGP. */
export function normalizeFingerprint(fingerprint: string): string {
  return fingerprint.replace(/\s+/g, '').replace(/^0x/i, '').toLowerCase();
}
