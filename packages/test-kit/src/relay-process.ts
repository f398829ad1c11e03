// The built vp-relay command as a child process: the one way the tests, the demo (npm start) and
// the benchmarks start a relay. Needs the relay built (npm run build -w @vp-contact/relay; npm test
// and npm start build first).
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import getPort from 'get-port';

const relayPackage = fileURLToPath(import.meta.resolve('@vp-contact/relay/package.json'));
/** The vp-relay command, as the relay package declares it. */
export const RELAY_BIN = join(dirname(relayPackage), 'bin/vp-relay.js');

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

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export interface RelayProcess {
  /** Where the relay listens, as given to startRelay. */
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything written to stdout so far (the log; empty when it goes to `logFile`), and to stderr. */
  readonly output: { stdout: string; stderr: string };
  /** Resolves with the exit code (or signal) once the process has ended. */
  readonly exited: Promise<Exit>;
  /** Resolves once a stdout line contains `text` (not with `logFile`). */
  waitForLog(text: string): Promise<void>;
  /** SIGTERM, and wait for the exit (SIGKILL when it has not ended after 15 seconds). */
  stop(): Promise<Exit>;
}

export interface StartRelayOptions {
  /** The relay config file. */
  configFile: string;
  /** Where that config makes it listen, e.g. http://127.0.0.1:8787 (for the readiness check). */
  url: string;
  /** Called with each chunk of stdout and stderr, e.g. to show the log. */
  log?: (chunk: string) => void;
  /**
   * Writes stdout to this file instead of reading it here: the relay logs a JSON line per request,
   * and reading a pipe would cost a process that makes load (the benchmarks) CPU of its own.
   */
  logFile?: string;
  /** Runs the command itself, so its #! line (the heap limit the relay is meant to run with) counts. */
  asInstalled?: boolean;
  /** Extra environment variables (VP_* from the caller's environment are dropped). */
  env?: Record<string, string>;
}

/** Starts `vp-relay --config FILE` and resolves once its /readyz answers 200; says why when it stopped. */
export async function startRelay(options: StartRelayOptions): Promise<RelayProcess> {
  const { configFile, url, log = () => {} } = options;
  const logFd = options.logFile === undefined ? undefined : openSync(options.logFile, 'w');
  const [command, args] = options.asInstalled ? [RELAY_BIN, ['--config', configFile]] : [process.execPath, [RELAY_BIN, '--config', configFile]];
  const child = spawn(command, args, { env: cleanEnv(options.env), stdio: ['ignore', logFd ?? 'pipe', 'pipe'] });
  if (logFd !== undefined) closeSync(logFd);
  const output = { stdout: '', stderr: '' };
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    output.stdout += d;
    log(d);
    for (const w of [...waiters]) {
      if (output.stdout.includes(w.text)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    output.stderr += d;
    log(d);
  });
  const exited = new Promise<Exit>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  const stop = async (): Promise<Exit> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const exit = await exited;
    clearTimeout(timer);
    return exit;
  };
  const readyz = new URL('/readyz', url);
  for (let attempt = 0; ; attempt++) {
    const ended = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), attempt === 0 ? 0 : 50))]);
    if (ended) throw new Error(`vp-relay stopped at start (exit ${ended.code ?? ended.signal}): ${output.stderr.trim()}`);
    const ready = await fetch(readyz).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (attempt >= 200) {
      await stop();
      throw new Error(`vp-relay did not become ready within 10 seconds: ${output.stderr.trim()}`);
    }
  }
  return {
    url,
    child,
    output,
    exited,
    waitForLog(text) {
      if (logFd !== undefined) return Promise.reject(new Error('waitForLog: the log goes to a file'));
      if (output.stdout.includes(text)) return Promise.resolve();
      return new Promise((r) => waiters.push({ text, resolve: r }));
    },
    stop,
  };
}
