import { describe, expect, it } from 'vitest';
import { framePageHtml, frameContentSecurityPolicy, hostConfigFiles, iframeEmbedCode } from './frame-page.mjs';
import { parseHeadersFile } from './serve-frame.mjs';

const integrity = { widget: 'sha384-w', height: 'sha384-h', host: 'sha384-o', css: 'sha384-c' };
const attributes = { relay: 'https://relay.voorbeeld.example', mailbox: 'voorbeeld-bv', fingerprints: 'AB'.repeat(20), 'provider-name': 'Vertrouwenspersonen "Voorbeeld" <b>' };
const frameAncestors = ['https://intranet.voorbeeld.example', 'https://voorbeeld.sharepoint.com'];

describe('framePageHtml', () => {
  const page = framePageHtml({ attributes, frameAncestors, integrity });

  it('writes the configuration into the element, escaped, and reads nothing from its URL', () => {
    expect(page).toContain('relay="https://relay.voorbeeld.example"');
    expect(page).toContain(`fingerprints="${'AB'.repeat(20)}"`);
    expect(page).toContain('provider-name="Vertrouwenspersonen &quot;Voorbeeld&quot; &lt;b&gt;"');
    expect(page).not.toMatch(/location|URLSearchParams|<script>/);
  });

  it('loads only its own scripts, each with its SRI hash, under a strict policy in a meta (without frame-ancestors, which a meta cannot carry)', () => {
    expect(page).toContain('src="vp-contact.js" integrity="sha384-w" crossorigin="anonymous"');
    expect(page).toContain('src="vp-contact-frame.js" integrity="sha384-h" crossorigin="anonymous"');
    expect(page).toContain(`content="default-src &#39;none&#39;; script-src &#39;self&#39;; style-src &#39;self&#39;; img-src &#39;self&#39;; connect-src https://relay.voorbeeld.example; base-uri &#39;none&#39;; form-action &#39;none&#39;"`);
    expect(page).toContain('name="vp-contact-frame-parents" content="https://intranet.voorbeeld.example https://voorbeeld.sharepoint.com"');
  });

  it('speaks the configured language in its title and fallback', () => {
    expect(framePageHtml({ attributes: { ...attributes, lang: 'en', 'provider-phone': '+31 20 000 0000' }, frameAncestors, integrity })).toMatch(
      /<html lang="en">[\s\S]*Contact a confidential adviser[\s\S]*href="tel:\+31200000000"/,
    );
  });
});

describe('the headers for the host', () => {
  it('say the same in every format: frame-ancestors only for the intranet origins', () => {
    const files = hostConfigFiles({ relayOrigin: 'https://relay.voorbeeld.example', frameAncestors });
    const policy = frameContentSecurityPolicy({ relayOrigin: 'https://relay.voorbeeld.example', frameAncestors });
    expect(policy).toContain('frame-ancestors https://intranet.voorbeeld.example https://voorbeeld.sharepoint.com');
    expect(Object.fromEntries(parseHeadersFile(files._headers))['Content-Security-Policy']).toBe(policy);
    expect(files['nginx.conf']).toContain(`add_header Content-Security-Policy "${policy}" always;`);
    expect(files['apache.conf']).toContain(`Header always set Content-Security-Policy "${policy}"`);
    for (const text of Object.values(files)) expect(text).toContain('X-Content-Type-Options');
  });

  it('refuse every parent when no origin is given', () => {
    expect(frameContentSecurityPolicy({ relayOrigin: 'https://relay.voorbeeld.example' })).toContain("frame-ancestors 'none'");
  });
});

describe('iframeEmbedCode', () => {
  it('gives the iframe a title and, where scripts may run, the host script with its hash', () => {
    const code = iframeEmbedCode({ frameUrl: 'https://vp-frame.voorbeeld.example/', hostScriptUrl: '/vp-contact/vp-contact-frame-host.js', hostIntegrity: 'sha384-o' });
    expect(code).toContain('<iframe src="https://vp-frame.voorbeeld.example/" title="Contact met een vertrouwenspersoon" data-vp-contact-frame');
    expect(code).toContain('integrity="sha384-o"');
    expect(iframeEmbedCode({ frameUrl: 'https://vp-frame.voorbeeld.example/' })).not.toContain('<script');
  });
});
