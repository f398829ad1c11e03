// Browser tests of <vp-contact> in Debian's Chromium (never a downloaded browser). The tests are
// TypeScript in test/, compiled by `tsc -p tsconfig.test.json` into build/ first (the
// test:browser script). The stub relay below is an in-memory stand-in for the relay's HTTP API on
// the test server's own origin, with a control endpoint the tests use to set it up and to read
// what was posted.
import { fromRollup } from '@web/dev-server-rollup';
import { chromeLauncher } from '@web/test-runner-chrome';
import rollupAlias from '@rollup/plugin-alias';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';

const alias = fromRollup(rollupAlias);

/** mailbox -> { keys, mode, received } */
const mailboxes = new Map();

async function readBody(ctx) {
  const chunks = [];
  for await (const chunk of ctx.req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

const standalone = fileURLToPath(new URL('./dist/standalone/', import.meta.url));

/**
 * /__tampered/… serves the built standalone files, with one byte of the crypto chunk changed: the
 * widget must refuse to run it (its SRI hash is baked into vp-contact.js).
 * /__tampered-parts/… serves them with the English chunk and openpgp's shared sha512 part changed
 * instead (their hashes are baked into vp-contact.js and the crypto chunk): a line that would mark
 * the page if it ever ran.
 */
async function tamperedStandalone(ctx, next) {
  const match = ctx.path.match(/^\/__tampered(-parts)?\/(vp-contact[\w.-]*\.js)$/);
  if (!match) return next();
  const [, parts, file] = match;
  const manifest = JSON.parse(await readFile(`${standalone}manifest.json`, 'utf8'));
  let code = await readFile(`${standalone}${file}`, 'utf8');
  if (!parts && file === manifest.crypto.file) code = code.replace('encrypt', 'encrypT');
  if (parts && (file === manifest.english.file || file.startsWith('vp-contact-crypto-sha512-'))) {
    code += `\nglobalThis.vpTamperedRan = ${JSON.stringify(file)};\n`;
  }
  ctx.type = 'text/javascript';
  ctx.body = code;
}

async function stubRelay(ctx, next) {
  const control = ctx.path.match(/^\/__relay\/([\w.-]+)\/(setup|received)$/);
  if (control) {
    const [, mailbox, action] = control;
    if (action === 'setup') {
      const { keys = [], mode = 'ok' } = JSON.parse(await readBody(ctx));
      mailboxes.set(mailbox, { keys, mode, received: [] });
      ctx.body = { ok: true };
    } else {
      ctx.body = mailboxes.get(mailbox)?.received ?? [];
    }
    return;
  }
  const api = ctx.path.match(/^\/relay\/v1\/mailboxes\/([\w.-]+)(\/requests)?$/);
  if (!api) return next();
  const box = mailboxes.get(api[1]);
  if (!box) {
    ctx.status = 404;
    ctx.body = { error: { code: 'mailbox-not-found', message: 'No such mailbox.' } };
    return;
  }
  if (box.mode === 'slow') {
    // Longer than the tests' request-timeout; the widget must give up and send nothing more.
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
  // post-error-500: the descriptor answers, the submission fails (after the key passed the pin).
  if (box.mode === 'error-400' || box.mode === 'error-500' || (box.mode === 'post-error-500' && api[2])) {
    if (api[2]) box.received.push({ rejected: true, body: await readBody(ctx) });
    ctx.status = box.mode === 'error-400' ? 400 : 500;
    ctx.body = { error: { code: 'test', message: 'Stub relay told to fail.' } };
    return;
  }
  if (!api[2]) {
    ctx.body = {
      id: api[1],
      displayName: 'Vertrouwenspersonen Voorbeeld',
      contact: { phone: '+31 20 000 0000', email: 'vp@voorbeeld.example' },
      publicKeys: box.keys,
      fingerprints: [],
      responseHours: 48,
    };
    return;
  }
  if (ctx.method !== 'POST') return next();
  const body = await readBody(ctx);
  box.received.push({ contentType: ctx.get('content-type'), cookie: ctx.get('cookie'), referer: ctx.get('referer'), body });
  ctx.status = 202;
  ctx.body = { id: `req-${box.received.length}`, receivedAt: new Date().toISOString() };
}

export default {
  rootDir: '../..',
  files: ['build/test/**/*.browser.test.js'],
  // production: Lit's production build, as in the bundles.
  nodeResolve: { browser: true, exportConditions: ['production'] },
  concurrency: 1,
  testFramework: { config: { timeout: 30000 } },
  browserStartTimeout: 60000,
  testsFinishTimeout: 300000,
  middleware: [tamperedStandalone, stubRelay],
  // Browser code must use openpgp's lightweight build, as the bundles do.
  plugins: [alias({ entries: [{ find: /^openpgp$/, replacement: 'openpgp/lightweight' }] })],
  browsers: [
    chromeLauncher({
      // Debian's Chromium with the same flags as the end-to-end tests and the benchmarks.
      launchOptions: { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS },
    }),
  ],
};
