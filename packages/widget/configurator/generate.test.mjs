import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkFrameConfig } from '../frame/frame-config.mjs';
import { downloadHref, embedCode, frameCommand, frameDownloads, intranetCsp, shellQuote } from './generate.mjs';

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

describe('frameDownloads', () => {
  it('are byte for byte the files vp-contact-frame writes for the same settings, with the kit\'s SRI values', async () => {
    const kit = fileURLToPath(new URL('../dist/frame/', import.meta.url));
    const dir = await mkdtemp(join(tmpdir(), 'vp-frame-downloads-'));
    try {
      const settings = { ...attributes, lang: 'en', 'hr-notice': 'anonymous', regions: 'Noord, Zuid' };
      const frameAncestors = ['https://intranet.voorbeeld.example', 'https://voorbeeld.sharepoint.com'];
      const args = Object.entries(settings).flatMap(([name, value]) => [`--${name}`, value]);
      for (const origin of frameAncestors) args.push('--frame-ancestors', origin);
      const made = spawnSync(process.execPath, [fileURLToPath(new URL('../bin/vp-contact-frame.js', import.meta.url)), ...args, '--out', join(dir, 'out')], { encoding: 'utf8' });
      expect(made.stderr).toBe('');
      expect(made.status).toBe(0);
      const { integrity } = JSON.parse(await readFile(join(kit, 'frame-kit.json'), 'utf8'));
      const checked = checkFrameConfig({ attributes: settings, frameAncestors });
      const files = frameDownloads({ attributes: checked.attributes, frameAncestors: checked.frameAncestors, integrity });
      expect(Object.keys(files).sort()).toEqual(['_headers', 'apache.conf', 'index.html', 'nginx.conf']);
      for (const [name, text] of Object.entries(files)) expect(text, name).toBe(await readFile(join(dir, 'out', name), 'utf8'));
      expect(files['index.html']).toContain('hr-notice="anonymous"');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('as a download link, decode to the same text', () => {
    const text = '<p>"Voorbeeld" & 100% #1</p>\n';
    const href = downloadHref(text, 'text/html');
    expect(href.startsWith('data:text/html;charset=utf-8,')).toBe(true);
    expect(decodeURIComponent(href.slice('data:text/html;charset=utf-8,'.length))).toBe(text);
  });
});
