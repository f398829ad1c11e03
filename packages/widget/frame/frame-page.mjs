// The frame page and the headers its host must send, as text. Pure functions (no Node imports):
// the command (write-frame.mjs), the build (rollup/frame-kit.mjs) and the configurator use them.
//
// Everything the widget pins (relay, mailbox, fingerprints) and shows is written into the page as
// attributes when it is made. The page reads nothing from its URL, so whoever edits the intranet
// page chooses which frame to show, not what it pins.

/** Text for an HTML attribute value or element content. */
export const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** The files every frame page needs besides the widget's own, and what they are. */
export const FRAME_FILES = Object.freeze({
  /** In the frame: tells the parent page its height, and nothing else. */
  height: 'vp-contact-frame.js',
  /** On the intranet page, where it may run scripts: sets the iframe's height from that message. */
  host: 'vp-contact-frame-host.js',
  css: 'frame.css',
  /** A favicon of its own: without one the browser asks for /favicon.ico and logs an error. */
  icon: 'favicon.svg',
});

/**
 * The frame's policy. `frameAncestors`: the intranet origins that may show it (none: 'none').
 * Scripts and styles only from the frame's own origin (each with its SRI hash in the page);
 * network only to the relay; no forms, no base, no plugins.
 */
export function frameContentSecurityPolicy({ relayOrigin, frameAncestors }) {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    `connect-src ${relayOrigin ?? "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors?.length ? frameAncestors.join(' ') : "'none'"}`,
  ].join('; ');
}

/** The same policy for the page's <meta>, where browsers ignore frame-ancestors: the headers must carry it. */
export const metaPolicy = (policy) =>
  policy
    .split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors'))
    .join('; ');

/** Every header the frame's host sends, on every file. */
export function frameHeaders(options) {
  return [
    ['Content-Security-Policy', frameContentSecurityPolicy(options)],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'no-referrer'],
    ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'],
    // A new version of the page should reach employees at once; the browser still revalidates cheaply.
    ['Cache-Control', 'no-cache'],
  ];
}

/**
 * The headers as three files for three kinds of host: `_headers` (Netlify, Cloudflare Pages and
 * others that read it), an nginx `location` block and Apache directives (a vhost or .htaccess).
 */
export function hostConfigFiles(options) {
  const headers = frameHeaders(options);
  const note = (comment) => `${comment} Made by vp-contact-frame; make it again rather than editing it.\n`;
  return {
    _headers: `/*\n${headers.map(([name, value]) => `  ${name}: ${value}\n`).join('')}`,
    'nginx.conf':
      note('# nginx: put this inside the server { } block of the frame\'s own host name.') +
      `location / {\n${headers.map(([name, value]) => `    add_header ${name} "${value}" always;\n`).join('')}    charset utf-8;\n}\n`,
    'apache.conf':
      note('# Apache (mod_headers): put this in the frame\'s <VirtualHost> or its .htaccess.') +
      headers.map(([name, value]) => `Header always set ${name} "${value}"\n`).join('') +
      'AddDefaultCharset utf-8\n',
  };
}

const TITLE = { nl: 'Contact met een vertrouwenspersoon', en: 'Contact a confidential adviser' };

/** What shows before the widget starts and when it cannot: the provider's phone and e-mail. */
function fallback(attributes, lang) {
  const phone = attributes['provider-phone'];
  const email = attributes['provider-email'];
  const nl = lang !== 'en';
  const parts = [];
  if (phone) parts.push(`<a href="tel:${escapeHtml(phone.replace(/[^+0-9]/g, ''))}">${escapeHtml(phone)}</a>`);
  if (email) parts.push(`<a href="mailto:${escapeHtml(email)}">${escapeHtml(email)}</a>`);
  if (parts.length === 0) return nl ? '<p>Vraag je leidinggevende of HR hoe je de vertrouwenspersoon bereikt.</p>' : '<p>Ask your manager or HR how to reach the confidential adviser.</p>';
  return nl
    ? `<p>Je kunt de vertrouwenspersoon ook bereiken via ${parts.join(' of ')}.</p>`
    : `<p>You can also reach the confidential adviser at ${parts.join(' or ')}.</p>`;
}

/**
 * The frame page. `attributes`: checked values (frame-config.mjs), name -> text. `integrity`: the
 * SRI values of vp-contact.js, vp-contact-frame.js and frame.css. `frameAncestors`: also the
 * origins the height is posted to.
 */
export function framePageHtml({ attributes, frameAncestors = [], integrity }) {
  const lang = attributes.lang === 'en' ? 'en' : 'nl';
  const relayOrigin = attributes.relay ? new URL(attributes.relay).origin : undefined;
  const policy = metaPolicy(frameContentSecurityPolicy({ relayOrigin, frameAncestors }));
  const attributeText = Object.entries(attributes)
    .map(([name, value]) => `\n        ${name}="${escapeHtml(value)}"`)
    .join('');
  return `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8" />
    <meta http-equiv="Content-Security-Policy" content="${escapeHtml(policy)}" />
    <meta name="referrer" content="no-referrer" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="vp-contact-frame-parents" content="${escapeHtml(frameAncestors.join(' '))}" />
    <title>${TITLE[lang]}</title>
    <link rel="icon" href="${FRAME_FILES.icon}" type="image/svg+xml" />
    <link rel="stylesheet" href="${FRAME_FILES.css}" integrity="${integrity.css}" crossorigin="anonymous" />
    <script type="module" src="vp-contact.js" integrity="${integrity.widget}" crossorigin="anonymous"></script>
    <script type="module" src="${FRAME_FILES.height}" integrity="${integrity.height}" crossorigin="anonymous"></script>
  </head>
  <body>
    <main>
      <h1 class="visually-hidden">${TITLE[lang]}</h1>
      <vp-contact${attributeText}>
        ${fallback(attributes, lang)}
      </vp-contact>
    </main>
  </body>
</html>
`;
}

/**
 * The code for the intranet page: the iframe, and (where the page may run a script of its own)
 * the host script that sets its height. `frameUrl`: where the frame page is hosted.
 */
export function iframeEmbedCode({ frameUrl, hostScriptUrl, hostIntegrity, lang = 'nl', height = 900 }) {
  const iframe = `<iframe src="${escapeHtml(frameUrl)}" title="${TITLE[lang === 'en' ? 'en' : 'nl']}" data-vp-contact-frame
        width="100%" height="${height}" referrerpolicy="no-referrer"></iframe>`;
  if (!hostScriptUrl) return `${iframe}\n`;
  return `<script type="module" src="${escapeHtml(hostScriptUrl)}" integrity="${hostIntegrity}" crossorigin="anonymous"></script>\n${iframe}\n`;
}
