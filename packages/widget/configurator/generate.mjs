// What the configurator produces from checked settings: the embed code for the custom element
// (with its integrity value), the frame page and its headers, the vp-contact-frame command and the
// iframe, and the intranet's CSP lines. Pure functions, so they are tested without a browser and
// the page only shows their text.
import { escapeHtml, framePageHtml, hostConfigFiles, iframeEmbedCode } from '../frame/frame-page.mjs';

/** The fallback shown until the widget starts, and when it cannot work: how else to reach the provider. */
function fallback(attributes) {
  const phone = attributes['provider-phone'];
  const email = attributes['provider-email'];
  const en = attributes.lang === 'en';
  const ways = [];
  if (phone) ways.push(`<a href="tel:${escapeHtml(phone.replace(/[^+0-9]/g, ''))}">${escapeHtml(phone)}</a>`);
  if (email) ways.push(`<a href="mailto:${escapeHtml(email)}">${escapeHtml(email)}</a>`);
  if (ways.length === 0) return '';
  return en
    ? `  <p>You can also reach the confidential adviser at ${ways.join(' or ')}.</p>\n`
    : `  <p>Je kunt de vertrouwenspersoon ook bereiken via ${ways.join(' of ')}.</p>\n`;
}

/** `scriptBase`: the folder on the intranet's server that holds the files of dist/standalone, ending in '/'. */
export function embedCode({ attributes, scriptBase, integrity }) {
  const lines = Object.entries(attributes).map(([name, value]) => `  ${name}="${escapeHtml(value)}"`);
  return (
    `<script type="module" src="${escapeHtml(scriptBase)}vp-contact.js"\n        integrity="${integrity}" crossorigin="anonymous"></script>\n\n` +
    `<vp-contact\n${lines.join('\n')}>\n${fallback(attributes)}</vp-contact>\n`
  );
}

/** A shell word: single-quoted unless it is plainly safe. */
export const shellQuote = (word) => (/^[A-Za-z0-9_./:@,+=-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

/** The exact vp-contact-frame command for these settings (public-key: from a file the provider has). */
export function frameCommand({ attributes, frameAncestors, frameUrl, out = 'vp-contact-frame' }) {
  const args = ['vp-contact-frame'];
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'public-key') args.push('--public-key-file', 'public-key.asc');
    else args.push(`--${name}`, value);
  }
  for (const origin of frameAncestors) args.push('--frame-ancestors', origin);
  if (frameUrl) args.push('--frame-url', frameUrl);
  args.push('--out', out);
  // One option with its value per line, so it reads (and pastes) well.
  const words = args.map(shellQuote);
  const lines = [words[0]];
  for (let i = 1; i < words.length; i += 2) lines.push(`  ${words[i]} ${words[i + 1]}`);
  return `${lines.join(' \\\n')}\n`;
}

/**
 * The directives the intranet's Content Security Policy needs. For the custom element: where the
 * scripts come from, and the relay. For the frame: only the frame's origin (everything else happens
 * inside the frame).
 */
export function intranetCsp({ attributes, scriptBase, frameUrl }) {
  const scriptOrigin = /^https?:\/\//.test(scriptBase) ? new URL(scriptBase).origin : "'self'";
  const element = [`script-src ${scriptOrigin}`, `connect-src ${new URL(attributes.relay).origin}`];
  const lines = { element: `${element.join('; ')}` };
  if (frameUrl) lines.frame = `frame-src ${new URL(frameUrl).origin}`;
  return lines;
}

/**
 * The frame page itself and the headers its host must send, as the vp-contact-frame command writes
 * them (the same functions, so an employer's web editor gets the same files without running it).
 * `integrity`: the kit's SRI values (widget, height, css), as in dist/frame/frame-kit.json.
 */
export function frameDownloads({ attributes, frameAncestors, integrity }) {
  return {
    'index.html': framePageHtml({ attributes, frameAncestors, integrity }),
    ...hostConfigFiles({ relayOrigin: new URL(attributes.relay).origin, frameAncestors }),
  };
}

/** A file's text as a link target the browser saves (a data: URL: no script, no blob to revoke). */
export const downloadHref = (text, type) => `data:${type};charset=utf-8,${encodeURIComponent(text)}`;

export { iframeEmbedCode };
