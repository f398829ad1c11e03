// The built vp-relay command as a child process on a free loopback port, and plain node:http and
// node:net clients for what fetch will not send (a chosen source address, a lying Content-Length,
// raw paths). Needs the relay built (npm run build -w @vp-contact/relay; npm test builds first).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import getPort from 'get-port';

export const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const RELAY_BIN = join(PACKAGE_DIR, 'bin/vp-relay.js');

/** A free port on loopback, for a server under test. */
export const freePort = (): Promise<number> => getPort({ host: '127.0.0.1' });

/** The environment without anything from the developer's shell that would change the outcome. */
function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('VP_')) env[k] = v;
  return { ...env, ...extra };
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs vp-relay to its end (for the commands that do not keep running). */
export function runRelayCommand(args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [RELAY_BIN, ...args], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
}

export interface RelayProcess {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Everything written to stdout so far (the log), and to stderr. */
  readonly output: { stdout: string; stderr: string };
  /** Resolves with the exit code (or signal) once the process has ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once a stdout line contains `text`. */
  waitForLog(text: string): Promise<void>;
  /** SIGTERM, and wait for the exit. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `vp-relay --config FILE` and resolves once /readyz answers 200. */
export async function spawnRelay(configFile: string, port: number): Promise<RelayProcess> {
  const child = spawn(process.execPath, [RELAY_BIN, '--config', configFile], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    output.stdout += d;
    for (const w of [...waiters]) {
      if (output.stdout.includes(w.text)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (output.stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`vp-relay exited at start: ${output.stderr}`);
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (attempt >= 200) {
      child.kill('SIGKILL');
      throw new Error(`vp-relay did not become ready: ${output.stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    port,
    child,
    output,
    exited,
    waitForLog(text) {
      if (output.stdout.includes(text)) return Promise.resolve();
      return new Promise((r) => waiters.push({ text, resolve: r }));
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP request with node:http, from a chosen loopback source address (a different client). */
export function httpRequest(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Uint8Array; localAddress?: string },
): Promise<HttpResult> {
  return new Promise((resolvePromise, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
        localAddress: options.localAddress ?? '127.0.0.1',
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (d: string) => (body += d));
        res.on('end', () => resolvePromise({ status: res.statusCode!, headers: res.headers, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * Writes raw bytes to the relay and collects what comes back until the relay closes the
 * connection (or `endAfterMs` passes, then this side closes). For what no HTTP client sends.
 */
export function rawExchange(
  port: number,
  chunks: (string | Uint8Array)[],
  options: { localAddress?: string; halfClose?: boolean; endAfterMs?: number } = {},
): Promise<{ response: string; closedByRelay: boolean }> {
  return new Promise((resolvePromise, reject) => {
    const socket = connect({ host: '127.0.0.1', port, localAddress: options.localAddress ?? '127.0.0.1' });
    let response = '';
    let closedByRelay = true;
    const timer = setTimeout(() => {
      closedByRelay = false;
      socket.destroy();
    }, options.endAfterMs ?? 10_000);
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (response += d));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // The relay may reset a connection it refused while we were still writing.
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolvePromise({ response, closedByRelay });
    });
    socket.on('connect', () => {
      for (const chunk of chunks) socket.write(chunk);
      if (options.halfClose) socket.end();
    });
  });
}

/** The status codes of every HTTP response in a raw exchange, in order. */
export function statuses(raw: string): number[] {
  return [...raw.matchAll(/^HTTP\/1\.1 (\d{3}) /gm)].map((m) => Number(m[1]));
}

/** The relay config file, written as the provider would. */
export function writeConfig(file: string, config: unknown): string {
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}

/**
 * Everything an SQLite database holds, as text: every row of every table, and the raw bytes of the
 * database, its WAL and shared-memory files (free pages included), read as latin1.
 */
export function dumpSqlite(file: string): string {
  const parts: string[] = [];
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    if (existsSync(file + suffix)) parts.push(readFileSync(file + suffix).toString('latin1'));
  }
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    for (const { name } of tables) {
      for (const row of db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).iterate()) parts.push(JSON.stringify(row));
    }
  } finally {
    db.close();
  }
  return parts.join('\n');
}
