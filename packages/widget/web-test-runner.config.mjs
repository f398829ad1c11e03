// Browser tests of <vp-contact> in Debian's Chromium (never a downloaded browser). The tests are
// TypeScript in test/, compiled by `tsc -p tsconfig.test.json` into build/ first (the
// test:browser script). The stub relay below is an in-memory stand-in for the relay's HTTP API on
// the test server's own origin, with a control endpoint the tests use to set it up and to read
// what was posted. It speaks the relay's contract: every answer is checked against the schemas of
// @vp-contact/protocol/http before it goes out, and errors carry the relay's own codes.
import { fromRollup } from '@web/dev-server-rollup';
import { chromeLauncher } from '@web/test-runner-chrome';
import rollupAlias from '@rollup/plugin-alias';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { canonicalizeCiphertext, signMailboxCard } from '@vp-contact/protocol';
import { ErrorBodySchema, MailboxDescriptorSchema, MAILBOX_ID_PATTERN, ReceiptSchema, RELAY_ERROR_CODES } from '@vp-contact/protocol/http';
import * as openpgp from 'openpgp';
import * as v from 'valibot';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';

const alias = fromRollup(rollupAlias);

/** mailbox -> { keys, cards, contact, mode, received, held } */
const mailboxes = new Map();

const DAY = 86_400_000;
/** What the stub's descriptor says about the provider unless a test sets it: the relay's word only. */
const DESCRIPTOR_CONTACT = { phone: '+31 20 000 0000', email: 'vp@voorbeeld.example' };

/**
 * Signs a mailbox card in Node with the protocol's signMailboxCard, as `vp-counsellor card` does.
 * `spec` holds the armored private key and any fields that differ from a valid card for `mailbox`
 * (by default the key's current encryption subkey, issued a minute ago, valid 30 days). With
 * `tamper`, one digit of the signed phone number is changed afterwards: the signature no longer fits.
 */
export async function signCard(mailbox, spec) {
  const { privateKey: armoredKey, tamper, date, ...fields } = spec;
  const privateKey = await openpgp.readPrivateKey({ armoredKey });
  const issuedAt = fields.issuedAt ?? new Date(Date.now() - 60_000).toISOString();
  const signDate = date ? new Date(date) : new Date(issuedAt);
  const card = {
    version: 1,
    mailbox,
    displayName: 'Vertrouwenspersonen Voorbeeld',
    contact: { phone: '+31 20 000 0000', email: 'vp@voorbeeld.example' },
    responseHours: 48,
    encryptionKeys: [(await privateKey.getEncryptionKey(undefined, signDate)).getFingerprint()],
    issuedAt,
    expiresAt: new Date(Date.parse(issuedAt) + 30 * DAY).toISOString(),
    ...fields,
  };
  const armored = await signMailboxCard(card, privateKey, { date: signDate });
  if (!tamper) return armored;
  const { data } = await openpgp.unarmor(armored);
  const bytes = Uint8Array.from(data);
  const phone = new TextEncoder().encode(card.contact.phone);
  const at = Buffer.from(bytes).indexOf(Buffer.from(phone));
  if (at < 0) throw new Error('the stub could not find the phone number to tamper with');
  bytes[at + phone.length - 1] = bytes[at + phone.length - 1] === 0x39 ? 0x38 : 0x39;
  return openpgp.armor(openpgp.enums.armor.message, bytes);
}

/**
 * GET /__keys/rotated: a key with two encryption subkeys made at the same time, in Node; the first
 * (the one openpgp.js picks by itself) is then retired. `current` is the key as the provider
 * publishes it (first subkey revoked); `stripped` the same without the revocation (what a relay
 * that strips it serves); `rollback` the version before the second subkey was added. The tests
 * sign cards naming only `newSubkey`.
 */
export async function rotatedKey() {
  const date = new Date(Date.now() - 20 * DAY);
  const { privateKey: key } = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: 'Vertrouwenspersonen Voorbeeld', email: 'vp@voorbeeld.example' }],
    subkeys: [{}, {}],
    date,
    format: 'object',
  });
  const [oldSubkey, newSubkey] = key.getSubkeys();
  const stripped = key.toPublic().armor();
  const rollback = key.clone();
  rollback.subkeys = [oldSubkey];
  const current = key.clone();
  current.subkeys = [await oldSubkey.revoke(key.keyPacket, {}, new Date(Date.now() - 5 * DAY)), newSubkey];
  return {
    privateKey: current.armor(),
    fingerprint: current.getFingerprint(),
    current: current.toPublic().armor(),
    stripped,
    rollback: rollback.toPublic().armor(),
    oldSubkey: oldSubkey.getFingerprint(),
    newSubkey: newSubkey.getFingerprint(),
    oldSubkeyId: oldSubkey.getKeyID().toHex(),
    newSubkeyId: newSubkey.getKeyID().toHex(),
  };
}

/** The key ids (16 hex digits) a posted envelope is encrypted to, read in Node. */
function recipientsOf(body) {
  try {
    return canonicalizeCiphertext(JSON.parse(body).ciphertext).recipientKeyIds;
  } catch (error) {
    return [`unreadable: ${error.message}`];
  }
}

/** Answers with the relay's error body; the code must be one the relay uses. */
function fail(ctx, status, code, message) {
  if (!RELAY_ERROR_CODES.includes(code)) throw new Error(`The stub relay used the code ${code}, which the relay does not.`);
  ctx.status = status;
  ctx.body = v.parse(ErrorBodySchema, { error: { code, message } });
}

/**
 * Holding: `held` is { waiting: [], credit: 0 }. An answer waits until the test releases it; a
 * release that comes before the request does is kept as a credit, so the order of the two does
 * not matter.
 */
const newHeld = () => ({ waiting: [], credit: 0 });
function hold(held) {
  if (held.credit > 0) {
    held.credit -= 1;
    return Promise.resolve();
  }
  return new Promise((resolve) => held.waiting.push(resolve));
}
function release(held) {
  if (held.waiting.length === 0) held.credit += 1;
  for (const resolve of held.waiting.splice(0)) resolve();
}

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

/**
 * /__held/… serves the built standalone files, but holds the answer for the crypto chunk and the
 * English chunk until POST /__held/release: a server (or a browser without modulepreload) that
 * never answers. The widget must give up in time, keep the text and send nothing.
 */
const heldChunks = newHeld();
async function heldStandalone(ctx, next) {
  if (ctx.path === '/__held/release') {
    release(heldChunks);
    ctx.body = { ok: true };
    return;
  }
  const match = ctx.path.match(/^\/__held\/(vp-contact[\w.-]*\.js)$/);
  if (!match) return next();
  const manifest = JSON.parse(await readFile(`${standalone}manifest.json`, 'utf8'));
  if (match[1] === manifest.crypto.file || match[1] === manifest.english.file) await hold(heldChunks);
  ctx.type = 'text/javascript';
  ctx.body = await readFile(`${standalone}${match[1]}`, 'utf8');
}

async function stubRelay(ctx, next) {
  if (ctx.path === '/__keys/rotated') {
    ctx.body = await rotatedKey();
    return;
  }
  const control = ctx.path.match(/^\/__relay\/([\w.-]+)\/(setup|received|release)$/);
  if (control) {
    const [, mailbox, action] = control;
    if (action === 'setup') {
      const { keys = [], mode = 'ok', cards = [], contact = DESCRIPTOR_CONTACT } = JSON.parse(await readBody(ctx));
      const signed = await Promise.all(cards.map((card) => (typeof card === 'string' ? card : signCard(mailbox, card))));
      mailboxes.set(mailbox, { keys, mode, cards: signed, contact, received: [], held: newHeld() });
      ctx.body = { ok: true };
    } else if (action === 'release') {
      release(mailboxes.get(mailbox)?.held ?? newHeld());
      ctx.body = { ok: true };
    } else {
      ctx.body = mailboxes.get(mailbox)?.received ?? [];
    }
    return;
  }
  const api = ctx.path.match(/^\/relay\/v1\/mailboxes\/([^/]+)(\/requests)?$/);
  if (!api) return next();
  const box = MAILBOX_ID_PATTERN.test(api[1]) ? mailboxes.get(api[1]) : undefined;
  if (!box) {
    fail(ctx, 404, 'unknown-mailbox', 'There is no mailbox with this id.');
    return;
  }
  // hold-get: the descriptor's answer waits until the test releases it (the POST has not started).
  if (box.mode === 'hold-get' && !api[2]) await hold(box.held);
  if (box.mode === 'slow') {
    // Longer than the tests' request-timeout; the widget must give up and send nothing more.
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
  // post-error-500: the descriptor answers, the submission fails (after the key passed the pin).
  if (box.mode === 'error-400' || box.mode === 'error-500' || (box.mode === 'post-error-500' && api[2])) {
    if (api[2]) box.received.push({ rejected: true, body: await readBody(ctx) });
    if (box.mode === 'error-400') fail(ctx, 400, 'bad-envelope', 'The envelope is not valid.');
    else fail(ctx, 500, 'internal-error', 'Something went wrong on the relay.');
    return;
  }
  if (!api[2]) {
    const descriptor = {
      id: api[1],
      displayName: 'Vertrouwenspersonen Voorbeeld',
      contact: box.contact,
      publicKeys: box.keys,
      fingerprints: [],
      responseHours: 48,
      cards: box.cards,
    };
    // bad-descriptor: what a relay that drifted from the contract might send (no list of keys).
    if (box.mode === 'bad-descriptor') {
      ctx.body = { ...descriptor, publicKeys: 'not a list' };
      return;
    }
    // A mailbox with no keys is set up only by tests that never fetch it; the relay has none such.
    ctx.body = box.keys.length ? v.parse(MailboxDescriptorSchema, descriptor) : descriptor;
    return;
  }
  if (ctx.method !== 'POST') return next();
  const body = await readBody(ctx);
  box.received.push({ contentType: ctx.get('content-type'), cookie: ctx.get('cookie'), referer: ctx.get('referer'), body, recipients: recipientsOf(body) });
  // hold-post: the request has arrived; the answer waits until the test releases it (then 202,
  // or with hold-post-500 the relay's failure).
  if (box.mode === 'hold-post' || box.mode === 'hold-post-500') await hold(box.held);
  if (box.mode === 'hold-post-500') {
    fail(ctx, 500, 'internal-error', 'Something went wrong on the relay.');
    return;
  }
  ctx.status = 202;
  const receipt = { id: `req-${box.received.length}`, receivedAt: new Date().toISOString() };
  // bad-receipt: a 202 whose id the relay would never hand out.
  ctx.body = box.mode === 'bad-receipt' ? { ...receipt, id: 'not an id!' } : v.parse(ReceiptSchema, receipt);
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
  middleware: [tamperedStandalone, heldStandalone, stubRelay],
  // Browser code must use openpgp's lightweight build, as the bundles do.
  plugins: [alias({ entries: [{ find: /^openpgp$/, replacement: 'openpgp/lightweight' }] })],
  browsers: [
    chromeLauncher({
      // Debian's Chromium with the same flags as the end-to-end tests and the benchmarks.
      launchOptions: { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS },
    }),
  ],
};
