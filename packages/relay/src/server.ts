/**
 * Running the relay: open the store, serve the app with @hono/node-server, sweep for retention,
 * keep checking the mailbox cards (card-watch.ts), and stop gracefully: stop accepting connections, refuse new requests on open ones (503), let the
 * requests in flight finish, then close the store (which finishes its pending commits).
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createRelay } from './app.js';
import { startCardWatch, warningFields } from './card-watch.js';
import type { RelayConfig } from './config.js';
import { StartError } from './errors.js';
import { jsonLog, type RelayLog } from './log.js';
import { startNoticeScheduler, type NoticeScheduler } from './notify/scheduler.js';
import { startRetention } from './retention.js';
import { openStore } from './store/open.js';
import type { RelayStore } from './store/types.js';

export interface StartOptions {
  readonly log?: RelayLog;
  /** An open store instead of the one config.database names (for embedding and tests). */
  readonly store?: RelayStore;
  /** How long one request may take from its first byte to its last; 30 seconds by default. */
  readonly requestTimeoutMs?: number;
  /** How long a stop waits for requests in flight before closing their connections; 10 seconds. */
  readonly graceMs?: number;
  readonly retentionIntervalMs?: number;
  /** The notice scheduler's clock and tick (tests); a real clock and every full minute by default. */
  readonly noticeClock?: () => Date;
  readonly noticeTickMs?: number;
  /** The card watch's clock and interval (tests); a real clock and hourly by default. */
  readonly cardClock?: () => Date;
  readonly cardCheckMs?: number;
}

export interface RunningRelay {
  /** http://host:port, with the port actually bound (listen.port 0 picks a free one). */
  readonly url: string;
  readonly port: number;
  /** Stops gracefully; safe to call more than once. */
  stop(): Promise<void>;
}

const KEY_EXPIRY_WARNING_MS = 30 * 24 * 60 * 60 * 1000;

/** The database URL without a password, for messages. */
export function describeDatabase(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@?]*):[^@/?]*@/, '$1:***@');
}

function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolvePromise, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const where = `${host}:${port}`;
      reject(
        new StartError(
          error.code === 'EADDRINUSE'
            ? `Cannot listen on ${where}: the port is already in use. Stop the other program or choose another listen.port.`
            : error.code === 'EACCES'
              ? `Cannot listen on ${where}: permission denied (ports below 1024 need privileges; use a higher port behind the reverse proxy).`
              : error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND'
                ? `Cannot listen on ${where}: this machine has no such address. Check listen.host.`
                : `Cannot listen on ${where}: ${error.message}`,
        ),
      );
    };
    server.once('error', onError);
    server.once('listening', () => {
      server.off('error', onError);
      resolvePromise(server.address() as AddressInfo);
    });
  });
}

export async function startRelayServer(config: RelayConfig, options: StartOptions = {}): Promise<RunningRelay> {
  const log = options.log ?? jsonLog();
  let store: RelayStore;
  if (options.store) {
    store = options.store;
  } else {
    try {
      store = await openStore(config.database, config.baseDir, { onWarning: (event, fields) => log.event('warn', event, fields) });
    } catch (error) {
      throw new StartError(`Cannot open the database (${describeDatabase(config.database)}): ${(error as Error).message}`);
    }
  }

  for (const mailbox of config.mailboxes) {
    for (const key of mailbox.keys) {
      // A key that ends the mailbox's last valid card gets the configuration's line below instead
      // (the same fields, with the date the card stops being valid): one line per key, not two.
      const fromCards = config.warnings.some((w) => w.event === 'key-expires-soon' && w.mailbox === mailbox.id && w.fingerprint === key.fingerprint);
      if (key.expiresAt && key.expiresAt.getTime() - Date.now() < KEY_EXPIRY_WARNING_MS && !fromCards) {
        log.event('warn', 'key-expires-soon', {
          mailbox: mailbox.id,
          fingerprint: key.fingerprint,
          expiresAt: key.expiresAt.toISOString(),
          message: 'After this date the widget refuses the key and nobody can send: add a new key to the mailbox in time.',
        });
      }
    }
  }

  // Found when the configuration was loaded (cards.ts): out-of-date cards, mailboxes without a
  // valid one, a last valid card that ends soon (by its own expiry or its key's).
  for (const warning of config.warnings) log.event('warn', warning.event, warningFields(warning));

  // From the state the load found (just logged) on: a line when a mailbox's cards get worse (or better).
  const cards = startCardWatch({
    mailboxes: config.mailboxes,
    initial: config.warnings,
    log,
    ...(options.cardClock === undefined ? {} : { now: options.cardClock }),
    ...(options.cardCheckMs === undefined ? {} : { intervalMs: options.cardCheckMs }),
  });
  // Once now: a program that embeds the relay may have loaded its configuration long before.
  await cards.check();

  const shutdown = new AbortController();
  // Started once the relay listens; until then a 202 cannot happen and /readyz has nothing to say.
  let notices: NoticeScheduler | undefined;
  const noticesWanted = config.mailboxes.some((m) => m.notify !== undefined);
  const app = createRelay({
    store,
    config,
    log,
    shutdown: shutdown.signal,
    cards,
    ...(noticesWanted ? { notices: { wake: () => notices?.wake(), status: () => notices?.status() ?? 'ok' } } : {}),
  });
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const server = serve({
    fetch: app.fetch,
    hostname: config.listen.host,
    port: config.listen.port,
    serverOptions: {
      requestTimeout,
      headersTimeout: Math.min(requestTimeout, 20_000),
      // Node checks the timeouts on this interval (30 s by default): check often enough for ours.
      connectionsCheckingInterval: Math.min(requestTimeout, 1_000),
    },
  }) as Server;
  let address: AddressInfo;
  try {
    address = await listen(server, config.listen.host, config.listen.port);
  } catch (error) {
    server.close();
    await cards.stop();
    await store.close().catch(() => {});
    throw error;
  }

  const retention = startRetention({
    store,
    mailboxes: config.mailboxes,
    log,
    ...(options.retentionIntervalMs === undefined ? {} : { intervalMs: options.retentionIntervalMs }),
  });
  if (noticesWanted) {
    notices = startNoticeScheduler({
      store,
      mailboxes: config.mailboxes,
      log,
      ...(options.noticeClock === undefined ? {} : { now: options.noticeClock }),
      ...(options.noticeTickMs === undefined ? {} : { tickMs: options.noticeTickMs }),
    });
  }
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  log.event('info', 'listening', {
    url,
    mailboxes: config.mailboxes.length,
    database: config.database.startsWith('sqlite:') ? 'sqlite' : 'postgresql',
  });

  let stopping: Promise<void> | null = null;
  async function stop(): Promise<void> {
    shutdown.abort();
    const closed = new Promise<void>((r) => server.close(() => r()));
    server.closeIdleConnections();
    const grace = setTimeout(() => server.closeAllConnections(), options.graceMs ?? 10_000);
    await closed;
    clearTimeout(grace);
    await retention.stop();
    await cards.stop();
    await notices?.stop();
    await store.close();
    log.flush();
    log.event('info', 'stopped', {});
  }
  return {
    url,
    port: address.port,
    stop: () => (stopping ??= stop()),
  };
}

/** Stops the relay on SIGTERM or SIGINT; a second signal exits at once. */
export function stopOnSignals(relay: RunningRelay, log: RelayLog, exit: (code: number) => void = (code) => process.exit(code)): void {
  let received = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) {
      log.flush();
      log.event('warn', 'stop-forced', { signal });
      exit(1);
      return;
    }
    received = true;
    log.event('info', 'stopping', { signal });
    relay.stop().then(
      () => exit(0),
      (error: unknown) => {
        log.flush();
        log.event('error', 'stop-failed', { error: error instanceof Error ? error.message : String(error) });
        exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
