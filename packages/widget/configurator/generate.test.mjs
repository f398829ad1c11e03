import { describe, expect, it } from 'vitest';
import { embedCode, frameCommand, intranetCsp, shellQuote } from './generate.mjs';

const attributes = {
  relay: 'https://relay.voorbeeld.example',
  mailbox: 'voorbeeld-bv',
  fingerprints: '0123456789ABCDEF0123456789ABCDEF01234567',
  'provider-name': "Vertrouwenspersonen 'Voorbeeld'",
  'provider-phone': '+31 20 000 0000',
};

describe('embedCode', () => {
  it('is the script tag with its integrity value and the element with every setting, and a fallback', () => {
    const code = embedCode({ attributes, scriptBase: '/vp-contact/', integrity: 'sha384-abc' });
    expect(code).toContain('<script type="module" src="/vp-contact/vp-contact.js"\n        integrity="sha384-abc" crossorigin="anonymous"></script>');
    expect(code).toContain('  fingerprints="0123456789ABCDEF0123456789ABCDEF01234567"');
    expect(code).toContain('  provider-name="Vertrouwenspersonen &#39;Voorbeeld&#39;"');
    expect(code).toContain('<a href="tel:+31200000000">+31 20 000 0000</a>');
  });
});

describe('frameCommand', () => {
  it('quotes what the shell would split or expand, one option per line', () => {
    const command = frameCommand({ attributes, frameAncestors: ['https://intranet.voorbeeld.example'], frameUrl: 'https://vp-frame.voorbeeld.example/' });
    expect(command).toBe(
      [
        'vp-contact-frame',
        '  --relay https://relay.voorbeeld.example',
        '  --mailbox voorbeeld-bv',
        '  --fingerprints 0123456789ABCDEF0123456789ABCDEF01234567',
        "  --provider-name 'Vertrouwenspersonen '\\''Voorbeeld'\\'''",
        "  --provider-phone '+31 20 000 0000'",
        '  --frame-ancestors https://intranet.voorbeeld.example',
        '  --frame-url https://vp-frame.voorbeeld.example/',
        '  --out vp-contact-frame',
      ].join(' \\\n') + '\n',
    );
    expect(shellQuote('$(rm -rf ~)')).toBe("'$(rm -rf ~)'");
  });
});

describe('intranetCsp', () => {
  it("allows the scripts' folder and the relay for the element, only the frame's origin for the frame", () => {
    expect(intranetCsp({ attributes, scriptBase: '/vp-contact/', frameUrl: 'https://vp-frame.voorbeeld.example/frame/' })).toEqual({
      element: "script-src 'self'; connect-src https://relay.voorbeeld.example",
      frame: 'frame-src https://vp-frame.voorbeeld.example',
    });
    expect(intranetCsp({ attributes, scriptBase: 'https://cdn.voorbeeld.example/vp/' }).element).toContain('script-src https://cdn.voorbeeld.example');
  });
});
