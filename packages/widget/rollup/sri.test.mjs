import { describe, expect, it } from 'vitest';
import { sri } from './sri.mjs';
import { opensslSri } from './testing.mjs';

describe('sri', () => {
  it('is the sha384 hash openssl makes, for text with non-ASCII characters too', () => {
    for (const code of ["alert('Hello, world.');", 'const t = "vertrouwenspersoon – één";\n', '']) {
      expect(sri(code)).toBe(opensslSri(code));
    }
  });
});
