// What the benchmarks share: provider keys and requests (from @vp-contact/test-kit), real
// envelopes made by encryptRequest, a relay config in a temporary folder, and the relay (the
// test kit's startRelay) or the baseline as a process of its own, so its memory is its own and its
// peak RSS can be read.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encryptRequest, hashToken, makeToken, readRecipientKey } from '@vp-contact/protocol';
import { freePort, makeKeyPair, startRelay as startRelayProcess, validRequest, writeRelayConfig as writeKitRelayConfig } from '@vp-contact/test-kit';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const MAILBOX = 'bench';
export const INTRANET_ORIGIN = 'http://intranet.bench.example';

/** The built files the benchmarks load; `npm run bench` builds nothing itself. */
export const REQUIRED_BUILDS = [
  'packages/protocol/dist/index.js',
  'packages/widget/dist/standalone/vp-contact.js',
  'packages/widget/dist/standalone/manifest.json',
  'packages/widget/dist/frame/frame-kit.json',
  'packages/relay/dist/index.js',
  'packages/counsellor/dist/index.js',
];

export function missingBuilds() {
  return REQUIRED_BUILDS.filter((file) => !existsSync(join(ROOT, file)));
}

/** A provider key as vp-counsellor keygen makes it ('ecc': curve25519 legacy), or RSA-4096; no passphrase. */
export async function makeKey(kind) {
  const options = kind === 'rsa-4096' ? { type: 'rsa', rsaBits: 4096 } : {};
  const { publicKey, privateKey, fingerprint } = await makeKeyPair({
    ...options,
    userIDs: [{ name: 'Vertrouwenspersonen Voorbeeld (bench)', email: 'vp@voorbeeld.example' }],
    passphrase: undefined,
  });
  return { kind, publicKey, privateKey, fingerprint: fingerprint.toUpperCase() };
}

const NAMES = ['Sam', 'Noor', 'Daan', 'Lotte', 'Milan', 'Fenna', 'Bram', 'Yara'];

/** A contact request as the widget builds one; `i` varies its content (and so its padded size). */
export function makeRequest(i) {
  return validRequest({
    language: i % 5 === 0 ? 'en' : 'nl',
    name: NAMES[i % NAMES.length],
    contact: { phone: '06 12345678', email: i % 2 ? 'naam@voorbeeld.nl' : undefined, voicemailAllowed: i % 3 === 0 },
    meeting: i % 2 ? 'phone' : 'video',
    topics: i % 4 ? ['bullying'] : ['harassment', 'other'],
    // Messages of different lengths, so the envelopes fall into different padding buckets.
    message: `Het gaat om mijn team (bench ${i}). `.repeat(1 + (i % 4) * 12),
    urgent: i % 7 === 0,
  });
}

/** `count` distinct envelope bodies ({"version":1,"ciphertext":…}) encrypted to `publicKey`. */
export async function makeEnvelopes(publicKey, count) {
  const recipient = await readRecipientKey(publicKey);
  const bodies = [];
  for (let i = 0; i < count; i += 1) {
    bodies.push(JSON.stringify({ version: 1, ciphertext: await encryptRequest(await makeRequest(i), [recipient]) }));
  }
  return bodies;
}

export async function tempDir(prefix) {
  return mkdtemp(join(tmpdir(), `vp-bench-${prefix}-`));
}

/**
 * Writes a relay config (the format of scripts/demo.mjs prepareDemo) for one mailbox with
 * `publicKey`, on a free port, with the per-client submission limit raised: the load comes from
 * one address. Returns the config file, the relay's URL and the counsellor token.
 */
export async function writeRelayConfig({ dir, database, publicKey }) {
  const token = makeToken();
  const port = await freePort();
  await writeFile(join(dir, 'public.asc'), publicKey);
  const configFile = writeKitRelayConfig(join(dir, 'relay.json'), {
    port,
    database,
    postsPerMinute: 1_000_000,
    mailbox: MAILBOX,
    displayName: 'Vertrouwenspersonen Voorbeeld (bench)',
    publicKeys: ['public.asc'],
    allowedOrigins: [INTRANET_ORIGIN],
    counsellorTokenHashes: [await hashToken(token)],
    retentionDays: 30,
  });
  return { configFile, url: `http://127.0.0.1:${port}`, token };
}

/**
 * Spawns a server process and waits for the line on stdout that says where it listens.
 * stdout goes to a file (the relay logs a JSON line per request; a pipe read here would cost this
 * process, which runs the load, CPU of its own). `findUrl(line)` returns the URL or undefined.
 */
async function spawnServer({ command = process.execPath, args, logFile, findUrl, what, env }) {
  const log = await open(logFile, 'w');
  const child = spawn(command, args, { stdio: ['ignore', log.fd, 'pipe'], env: { ...process.env, ...env } });
  await log.close();
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise((resolvePromise) => child.once('exit', (code) => resolvePromise(code ?? 'signal')));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 15_000))]);
    if (code === 'timeout') {
      child.kill('SIGKILL');
      await exited;
    }
  };
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('waiting'), 50))]);
    if (code !== 'waiting') throw new Error(`The ${what} stopped at start (exit ${code}): ${stderr.trim()}`);
    const text = await readFile(logFile, 'utf8');
    for (const line of text.split('\n')) {
      const url = line ? findUrl(line) : undefined;
      if (url) return { child, pid: child.pid, url, stop, stderr: () => stderr };
    }
  }
  await stop();
  throw new Error(`The ${what} did not say where it listens within 10 seconds: ${stderr.trim()}`);
}

const parseJson = (line) => {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
};

/**
 * `vp-relay --config FILE` (the test kit's startRelay), run as the installed command is (its #!
 * line sets the heap limit the relay is meant to run with), its log in `logFile`; resolves once
 * it is ready, with its url and pid.
 */
export async function startRelay({ configFile, url, logFile }) {
  const relay = await startRelayProcess({ configFile, url, logFile, asInstalled: true });
  return { url, pid: relay.child.pid, stop: relay.stop, stderr: () => relay.output.stderr };
}

/** bench/baseline-server.mjs: a bare Hono handler that reads the body and answers 202. */
export function startBaseline({ logFile }) {
  return spawnServer({
    args: [join(ROOT, 'bench/baseline-server.mjs'), '0'],
    logFile,
    what: 'baseline server',
    findUrl: (line) => {
      const port = parseJson(line)?.port;
      return typeof port === 'number' ? `http://127.0.0.1:${port}` : undefined;
    },
  });
}

/** Lines of the relay's log that are errors (level error), for the report when something failed. */
export async function errorLines(logFile, max = 5) {
  const lines = [];
  const text = await readFile(logFile, 'utf8').catch(() => '');
  for (const line of text.split('\n')) {
    const entry = parseJson(line);
    if (entry && entry.level === 'error') lines.push(line.slice(0, 300));
    if (lines.length >= max) break;
  }
  return lines;
}

export async function removeDir(dir) {
  await rm(dir, { recursive: true, force: true });
}

