// The counsellor's own test helpers: the built vp-counsellor command run as a child process, and
// secret files written as a counsellor would. Keys, requests and temporary folders come from
// @vp-contact/test-kit.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = join(PACKAGE_DIR, 'bin/vp-counsellor.js');
/** A folder that holds no per-user settings, for runCli's XDG_CONFIG_HOME. */
const NO_USER_CONFIG = join(tmpdir(), 'vp-counsellor-no-user-config');

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
