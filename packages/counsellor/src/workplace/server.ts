/**
 * Running the workplace: take the register's lock, listen on 127.0.0.1 only (a free port unless
 * one is given), build the app for that port, and hand back the one-time link. Stopping locks
 * the register and gives up the lock.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { createWorkplace } from './app.js';
import { WorkplaceError } from './errors.js';
import { Session } from './session.js';
import type { WorkplaceSettings } from './settings.js';

/**
 * The port `serve` takes unless told otherwise. Always the same one, because the browser keeps
 * what the counsellor chose (the language, allowing notifications) per address, port included.
 */
export const DEFAULT_WORKPLACE_PORT = 8790;

/** Only ever this address: the app is for the person at this machine. */
const LOOPBACK = '127.0.0.1';

export interface StartWorkplaceOptions {
  readonly settings: WorkplaceSettings;
  /** 0 or left out: a free port. */
  readonly port?: number;
  readonly idleMinutes?: number;
  readonly fetchEveryMs?: number;
  readonly uiDir?: string;
}

export interface RunningWorkplace {
  readonly url: string;
  /** The one-time link to open: http://127.0.0.1:PORT/open/SECRET. */
  readonly link: string;
  readonly port: number;
  readonly session: Session;
  stop(): Promise<void>;
}

export async function startWorkplace(options: StartWorkplaceOptions): Promise<RunningWorkplace> {
  const session = new Session({ settings: options.settings, idleMinutes: options.idleMinutes, fetchEveryMs: options.fetchEveryMs });
  let app: Hono | null = null;
  let server: Server;
  try {
    const address = await new Promise<AddressInfo>((resolve, reject) => {
      const s = serve({ fetch: (request, env) => (app ? app.fetch(request, env) : new Response('starting', { status: 503 })), hostname: LOOPBACK, port: options.port ?? 0 }, (info) =>
        resolve(info),
      ) as Server;
      server = s;
      s.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          new WorkplaceError(
            'invalid',
            error.code === 'EADDRINUSE' ? `Port ${options.port} is in use already: choose another --port, or leave it out for a free one.` : `Cannot listen on ${LOOPBACK}: ${error.message}`,
            'port',
          ),
        ),
      );
    });
    const workplace = createWorkplace({ session, port: address.port, uiDir: options.uiDir });
    app = workplace.app;
    const url = `http://${LOOPBACK}:${address.port}`;
    let stopped: Promise<void> | null = null;
    return {
      url,
      link: `${url}${workplace.openPath}`,
      port: address.port,
      session,
      stop() {
        stopped ??= (async () => {
          await new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          });
          await session.close();
        })();
        return stopped;
      },
    };
  } catch (error) {
    await session.close();
    throw error;
  }
}
