// The whole system on embedded defaults: a demo provider key and relay config (made once, in a
// git-ignored folder), the relay with its SQLite file, and the example intranet on its own origin.
// `npm start` uses it, and so does the end-to-end test (with its own folder and free ports).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as openpgp from 'openpgp';
import { checkRecipientKey, hashToken, makeToken, verifyMailboxCard } from '@vp-contact/protocol';
import { startRelay } from '@vp-contact/test-kit';
import { serveExamples } from '../examples/intranet/server.mjs';
import { checkFrameConfig } from '../packages/widget/frame/frame-config.mjs';
import { serveFrame } from '../packages/widget/frame/serve-frame.mjs';
import { writeFrame } from '../packages/widget/frame/write-frame.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const COUNSELLOR_BIN = join(ROOT, 'packages/counsellor/bin/vp-counsellor.js');
export const FRAME_KIT = join(ROOT, 'packages/widget/dist/frame');
export const MAILBOX = 'voorbeeld';
/** What the demo mailbox's card says; the relay config says the same. */
const DISPLAY_NAME = 'Vertrouwenspersonen Voorbeeld (demo)';
const CONTACT = { phone: '+31 20 000 0000', email: 'vp@voorbeeld.example' };
/** Demo cards are short-lived, as the protocol advises, and remade this long before they expire. */
const CARD_VALID_DAYS = 90;
const CARD_RENEW_DAYS = 30;

/** Fails with a clear message when something else listens on the port already. */
function ensurePortFree(port, what, variable) {
  return new Promise((resolvePromise, reject) => {
    const probe = createServer();
    probe.once('error', (error) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} is already in use, so the ${what} cannot start. Stop the program using it, or choose another port with ${variable}=…`)
          : error,
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolvePromise()));
  });
}

/** A port nothing listens on now (the frame's origin must be known before it is served). */
function freePort() {
  return new Promise((resolvePromise, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePromise(port));
    });
  });
}

/**
 * The demo mailbox's card: kept while it is valid for the key for more than CARD_RENEW_DAYS,
 * otherwise (missing, expiring, for another key) signed anew with vp-counsellor card, as a
 * provider would. Returns when it expires.
 */
async function ensureCard({ keyDir, passphraseFile, publicKey, fingerprint }) {
  const cardFile = join(keyDir, 'card.asc');
  const recipient = await checkRecipientKey(publicKey, [fingerprint]);
  const current = existsSync(cardFile)
    ? await verifyMailboxCard(await readFile(cardFile, 'utf8'), recipient, { mailbox: MAILBOX }).catch(() => null)
    : null;
  if (current && Date.parse(current.expiresAt) - Date.now() > CARD_RENEW_DAYS * 86_400_000) return { cardFile, cardExpiresAt: current.expiresAt };
  const made = spawnSync(
    process.execPath,
    [
      COUNSELLOR_BIN, 'card', '--key', join(keyDir, 'private.asc'), '--passphrase-file', passphraseFile,
      '--mailbox', MAILBOX, '--name', DISPLAY_NAME, '--phone', CONTACT.phone, '--email', CONTACT.email,
      '--valid-days', String(CARD_VALID_DAYS), '--out', cardFile, '--replace', '--lang', 'en',
    ],
    { encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`Signing the demo mailbox card failed: ${made.stderr.trim() || made.stdout.trim()}`);
  const card = await verifyMailboxCard(await readFile(cardFile, 'utf8'), recipient, { mailbox: MAILBOX });
  return { cardFile, cardExpiresAt: card.expiresAt };
}

/**
 * Makes the demo provider key, mailbox card, token and relay config in `dir` unless they are there already.
 * Returns what the rest of the demo needs.
 */
export async function prepareDemo({ dir, intranetOrigin, relayPort, frameOrigin = '' }) {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const keyDir = join(dir, 'key');
  const passphraseFile = join(dir, 'passphrase.txt');
  const tokenFile = join(dir, 'token.txt');
  let firstRun = false;
  if (!existsSync(join(keyDir, 'private.asc'))) {
    firstRun = true;
    const passphrase = randomBytes(12).toString('base64url');
    await writeFile(passphraseFile, `${passphrase}\n`, { mode: 0o600 });
    const made = spawnSync(
      process.execPath,
      [COUNSELLOR_BIN, 'keygen', '--name', 'Vertrouwenspersonen Voorbeeld (demo)', '--email', 'vp@voorbeeld.example', '--out', keyDir, '--passphrase-file', passphraseFile],
      { encoding: 'utf8' },
    );
    if (made.status !== 0) throw new Error(`Making the demo key failed: ${made.stderr.trim() || made.stdout.trim()}`);
  }
  if (!existsSync(tokenFile)) await writeFile(tokenFile, `${makeToken()}\n`, { mode: 0o600 });
  const token = (await readFile(tokenFile, 'utf8')).trim();
  const publicKey = await readFile(join(keyDir, 'public.asc'), 'utf8');
  const fingerprint = (await openpgp.readKey({ armoredKey: publicKey })).getFingerprint().toUpperCase();
  const { cardFile, cardExpiresAt } = await ensureCard({ keyDir, passphraseFile, publicKey, fingerprint });
  const origins = new Set([intranetOrigin, intranetOrigin.replace('//localhost', '//127.0.0.1')]);
  // The frame page posts from its own origin.
  if (frameOrigin) origins.add(frameOrigin);
  const config = {
    listen: { host: '127.0.0.1', port: relayPort },
    database: 'sqlite:./relay.db',
    mailboxes: [
      {
        id: MAILBOX,
        displayName: DISPLAY_NAME,
        contact: CONTACT,
        publicKeys: ['key/public.asc'],
        cards: ['key/card.asc'],
        allowedOrigins: [...origins],
        counsellorTokenHashes: [await hashToken(token)],
        responseHours: 48,
        retentionDays: 30,
      },
    ],
  };
  const configFile = join(dir, 'relay.json');
  await writeFile(configFile, `${JSON.stringify(config, null, 2)}\n`);
  // The counsellor's workplace (vp-counsellor serve) on the same key, inbox and token.
  const workplaceFile = join(dir, 'workplace.json');
  const workplace = {
    name: 'Vertrouwenspersoon (demo)',
    key: 'key/private.asc',
    register: 'register',
    lang: 'nl',
    mailboxes: [{ employer: 'Voorbeeld B.V.', relay: `http://localhost:${relayPort}/`, mailbox: MAILBOX, tokenFile: 'token.txt', inbox: 'inbox' }],
  };
  await writeFile(workplaceFile, `${JSON.stringify(workplace, null, 2)}\n`);
  return { firstRun, keyDir, passphraseFile, tokenFile, configFile, workplaceFile, fingerprint, cardFile, cardExpiresAt };
}

/**
 * Starts the relay process and resolves once it is ready; says why when it stopped. The one relay
 * starter of this repo is @vp-contact/test-kit's startRelay (the tests use it too).
 */
export async function startRelayProcess({ configFile, relayUrl, log = () => {} }) {
  const relay = await startRelay({ configFile, url: relayUrl, log });
  return {
    child: relay.child,
    stop: async () => {
      await relay.stop();
    },
  };
}

/** Starts `vp-counsellor serve` and resolves with the one-time link it prints, once it listens. */
export function startWorkplaceProcess({ configFile, port }) {
  const child = spawn(process.execPath, [COUNSELLOR_BIN, 'serve', '--config', configFile, '--port', String(port), '--lang', 'nl'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const collect = (chunk) => {
      output += chunk;
      const link = /http:\/\/127\.0\.0\.1:\d+\/open\/[A-Za-z0-9_-]+/.exec(output)?.[0];
      if (link) {
        child.stdout.off('data', collect);
        resolvePromise({
          link,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', () => reject(new Error(`The counsellor's workplace did not start: ${output.trim()}`)));
  });
}

/**
 * The demo's frame page, as a provider makes one with vp-contact-frame: the same settings as the
 * intranet page's embed, shown only inside the intranet's origin. Made anew at every start.
 */
async function makeDemoFrame({ dir, relayUrl, intranetOrigin, fingerprint }) {
  const outDir = join(dir, 'frame');
  await rm(outDir, { recursive: true, force: true });
  const config = checkFrameConfig({
    attributes: {
      relay: relayUrl.slice(0, -1),
      mailbox: MAILBOX,
      fingerprints: fingerprint,
      'provider-name': 'Vertrouwenspersonen Voorbeeld',
      'provider-phone': CONTACT.phone,
      'provider-email': CONTACT.email,
      'response-hours': '48',
      'integrity-url': `${intranetOrigin}/frame/#integriteit`,
      regions: 'Noord, Midden, Zuid',
    },
    frameAncestors: [intranetOrigin],
  });
  if (config.errors) throw new Error(`The demo frame's settings are wrong: ${Object.values(config.errors).map((e) => e.en).join(' ')}`);
  await writeFrame({ kitDir: FRAME_KIT, outDir, config });
  return outDir;
}

/** Runs the whole demo; resolves with its URLs and a stop(). */
export async function startDemo({ dir, intranetPort = 8080, relayPort = 8787, workplacePort = null, framePort: askedFramePort = 0, log = () => {} }) {
  await ensurePortFree(relayPort, 'relay', 'VP_RELAY_PORT');
  await ensurePortFree(intranetPort, 'example intranet', 'VP_INTRANET_PORT');
  if (workplacePort !== null) await ensurePortFree(workplacePort, "counsellor's workplace", 'VP_WORKPLACE_PORT');
  const framePort = askedFramePort || (await freePort());
  await ensurePortFree(framePort, 'frame page', 'VP_FRAME_PORT');
  const intranetOrigin = `http://localhost:${intranetPort}`;
  const relayUrl = `http://localhost:${relayPort}/`;
  const frameOrigin = `http://localhost:${framePort}`;
  const prepared = await prepareDemo({ dir, intranetOrigin, relayPort, frameOrigin });
  const frameDir = await makeDemoFrame({ dir, relayUrl, intranetOrigin, fingerprint: prepared.fingerprint });
  const relay = await startRelayProcess({ configFile: prepared.configFile, relayUrl, log });
  let intranet;
  let frame;
  try {
    frame = await serveFrame({ dir: frameDir, port: framePort });
    intranet = await serveExamples({ port: intranetPort, relay: relayUrl.slice(0, -1), mailbox: MAILBOX, fingerprint: prepared.fingerprint, frameUrl: frame.url });
  } catch (error) {
    await frame?.close();
    await relay.stop();
    throw error;
  }
  let workplace = null;
  if (workplacePort !== null) {
    try {
      workplace = await startWorkplaceProcess({ configFile: prepared.workplaceFile, port: workplacePort });
    } catch (error) {
      await intranet.close();
      await relay.stop();
      throw error;
    }
  }
  return {
    ...prepared,
    dir,
    mailbox: MAILBOX,
    relayUrl,
    intranetUrl: intranet.url,
    workplaceLink: workplace?.link ?? null,
    frameUrl: frame.url,
    frameDir,
    relay,
    stop: async () => {
      await workplace?.stop();
      await intranet.close();
      await frame.close();
      await relay.stop();
    },
  };
}
