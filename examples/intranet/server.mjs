// Serves the example pages the way an employer's intranet would: on an origin of its own, with a
// strict CSP (no inline script, scripts only from 'self'), the widget's standalone bundle loaded
// with its SRI hash, and the provider's fingerprint pinned in the embed code.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { CONFIGURATOR_POLICY } from '../../packages/widget/configurator/policy.mjs';

const examples = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const widgetDist = resolve(examples, '../packages/widget/dist/standalone');
const frameKit = resolve(examples, '../packages/widget/dist/frame');
const configuratorDist = resolve(examples, '../packages/widget/dist/configurator');
const require = createRequire(import.meta.url);
const themeCss = join(dirname(require.resolve('@nl-design-system-unstable/voorbeeld-design-tokens/package.json')), 'dist/theme.css');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

const PAGES = {
  '/': join(examples, 'intranet/index.html'),
  '/bare/': join(examples, 'bare/index.html'),
  '/nl-design-system/': join(examples, 'nl-design-system/index.html'),
  // The same intranet with the widget in an isolated frame from another origin (the demo's frame page).
  '/frame/': join(examples, 'frame/index.html'),
};

const FILES = {
  '/assets/': join(examples, 'intranet/assets'),
  '/vp-contact/': widgetDist,
  // Only the script that sizes the frame; the frame page itself is served from its own origin.
  '/vp-contact-frame/vp-contact-frame-host.js': join(frameKit, 'vp-contact-frame-host.js'),
  '/configurator/': configuratorDist,
  '/nl-design-system/page.css': join(examples, 'nl-design-system/page.css'),
  '/nl-design-system/theme.css': themeCss,
};

/**
 * A text body compressed as the browser accepts it, as an intranet's web server would send it (the
 * NL Design System theme alone is 200 KB of CSS); images and anything else as they are.
 */
function encode(request, type, body) {
  if (!/^(text\/|application\/json|image\/svg)/.test(type)) return { body, headers: {} };
  const accepted = String(request.headers['accept-encoding'] ?? '');
  if (/\bbr\b/.test(accepted)) {
    return { body: brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } }), headers: { 'content-encoding': 'br', vary: 'accept-encoding' } };
  }
  if (/\bgzip\b/.test(accepted)) return { body: gzipSync(body), headers: { 'content-encoding': 'gzip', vary: 'accept-encoding' } };
  return { body, headers: { vary: 'accept-encoding' } };
}

/** The SRI value of a file, as the integrity attribute wants it. */
export async function integrityOf(path) {
  return `sha384-${createHash('sha384').update(await readFile(path)).digest('base64')}`;
}

/** The intranet's policy: a frame only from the frame page's origin. */
function contentSecurityPolicy(relayOrigin, frameOrigin) {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    `connect-src ${relayOrigin}`,
    `frame-src ${frameOrigin ?? "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function resolveFile(pathname) {
  for (const [prefix, target] of Object.entries(FILES)) {
    if (pathname === prefix) return target;
    if (prefix.endsWith('/') && pathname.startsWith(prefix)) {
      const file = normalize(join(target, pathname.slice(prefix.length)));
      return file.startsWith(target) ? file : undefined;
    }
  }
  return undefined;
}

/**
 * Starts the example intranet. `relay` is the relay's base URL, `fingerprint` the provider key's
 * fingerprint to pin. Resolves once listening; rejects with a clear message when the port is taken.
 * @returns {Promise<{ url: string, close: () => Promise<void>, server: import('node:http').Server }>}
 */
export function serveExamples({ port, host = 'localhost', relay, mailbox, fingerprint, frameUrl }) {
  const relayOrigin = new URL(relay).origin;
  const csp = contentSecurityPolicy(relayOrigin, frameUrl && new URL(frameUrl).origin);
  const server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    const configurator = pathname.startsWith('/configurator/');
    const headers = {
      // The configurator checks whichever relay is typed in, so it may connect to any https origin.
      'content-security-policy': configurator ? CONFIGURATOR_POLICY : csp,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    };
    try {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { ...headers, allow: 'GET, HEAD' }).end();
        return;
      }
      const page = PAGES[pathname];
      if (page) {
        const integrity = await integrityOf(join(widgetDist, 'vp-contact.js'));
        const hostIntegrity = await integrityOf(join(frameKit, 'vp-contact-frame-host.js'));
        const values = { relay, mailbox, fingerprint, integrity, hostIntegrity, frameUrl };
        const html = (await readFile(page, 'utf8')).replace(/\{\{(\w+)\}\}/g, (_, name) => values[name] ?? '');
        const encoded = encode(request, TYPES['.html'], Buffer.from(html));
        response.writeHead(200, { ...headers, ...encoded.headers, 'content-type': TYPES['.html'] }).end(encoded.body);
        return;
      }
      const file = resolveFile(pathname === '/configurator/' ? '/configurator/index.html' : pathname);
      if (!file) throw Object.assign(new Error('not found'), { code: 'ENOENT' });
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      const encoded = encode(request, type, await readFile(file));
      response.writeHead(200, { ...headers, ...encoded.headers, 'content-type': type }).end(encoded.body);
    } catch (error) {
      const missing = error.code === 'ENOENT' || error.code === 'EISDIR';
      response.writeHead(missing ? 404 : 500, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
      response.end(missing ? 'Niet gevonden / Not found' : 'Serverfout / Server error');
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', (error) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} is already in use, so the example intranet cannot start. Stop the program using it, or choose another port with VP_INTRANET_PORT=…`)
          : error,
      );
    });
    server.listen(port, host, () => {
      const address = server.address();
      resolvePromise({
        url: `http://${host}:${address.port}/`,
        close: () => new Promise((done) => server.close(() => done())),
        server,
      });
    });
  });
}
