// Plain node:http and node:net clients for what fetch will not send (a chosen source address, a
// lying Content-Length, raw paths), the relay config file, and what an SQLite file holds. The relay
// process itself comes from @vp-contact/test-kit (startRelay).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import Database from 'better-sqlite3';

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
