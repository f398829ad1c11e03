// Shared by the counsellor's tests: real keys, valid requests, temporary folders, and the built
// vp-counsellor command run as a child process.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as openpgp from 'openpgp';
import { checkRecipientKey, encryptRequest, hashTerms, makeReference, type ContactRequestInput, type RecipientKey } from '@vp-contact/protocol';

export const PASSPHRASE = 'correct horse battery staple';
export const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = join(PACKAGE_DIR, 'bin/vp-counsellor.js');
/** A folder that holds no per-user settings, for runCli's XDG_CONFIG_HOME. */
const NO_USER_CONFIG = join(tmpdir(), 'vp-counsellor-no-user-config');

export interface KeyPair {
  privateKey: string;
  publicKey: string;
  fingerprint: string;
  recipient: RecipientKey;
}

export async function makeKeyPair(email = 'vp@voorbeeld.example', passphrase: string | undefined = PASSPHRASE): Promise<KeyPair> {
  const { privateKey, publicKey } = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: 'Vertrouwenspersonen Voorbeeld', email }],
    ...(passphrase === undefined ? {} : { passphrase }),
    format: 'armored',
  });
  const fingerprint = (await openpgp.readKey({ armoredKey: publicKey })).getFingerprint();
  return { privateKey, publicKey, fingerprint, recipient: await checkRecipientKey(publicKey, [fingerprint]) };
}

export async function validRequest(overrides: Partial<ContactRequestInput> = {}): Promise<ContactRequestInput> {
  return {
    version: 1,
    reference: makeReference(),
    submittedAt: new Date().toISOString(),
    language: 'nl',
    contact: { phone: '+31 20 000 0000' },
    urgent: false,
    termsVersion: await hashTerms('Voorwaarden versie 1'),
    ...overrides,
  };
}

export async function encryptFor(recipient: RecipientKey, overrides: Partial<ContactRequestInput> = {}) {
  const request = await validRequest(overrides);
  return { request, ciphertext: await encryptRequest(request, [recipient]) };
}

/** A temporary folder, removed by the returned function. */
export function tempDir(prefix = 'vp-counsellor-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeSecret(file: string, text: string): string {
  writeFileSync(file, text, { mode: 0o600 });
  return file;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI (npm run build -w @vp-contact/counsellor first). Asynchronous, so a server in
 * this test process keeps answering while the child runs. The environment is cleaned of anything
 * from the developer's shell that would change the outcome (VP_*, locale, the per-user settings
 * file: XDG_CONFIG_HOME points at an empty folder unless a test sets it).
 */
export function runCli(args: string[], options: { env?: Record<string, string>; input?: string; cwd?: string } = {}): Promise<RunResult> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith('VP_') && !/^(LANG|LC_ALL|LC_MESSAGES|XDG_CONFIG_HOME)$/.test(k)) env[k] = v;
  }
  env.XDG_CONFIG_HOME = NO_USER_CONFIG;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...env, ...options.env },
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
