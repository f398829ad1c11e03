/** Opens the store the configuration's `database` URL names. */
import { isAbsolute, resolve } from 'node:path';
import { openPostgresStore } from './postgres.js';
import { openSqliteStore, type SqliteOptions } from './sqlite.js';
import type { RelayStore } from './types.js';

const ACCEPTED =
  'Use sqlite:./data/relay.db (a path relative to the configuration file), sqlite:/absolute/path/relay.db, ' +
  'or postgres://user:password@host:5432/database (postgresql:// also works).';

/** Where `sqlite:PATH` points: PATH itself when absolute, else relative to `baseDir`. */
export function sqlitePath(databaseUrl: string, baseDir: string): string {
  const path = databaseUrl.slice('sqlite:'.length);
  // sqlite://x reads like a URL with a host; say what is meant instead of guessing.
  if (path === '' || path.startsWith('//')) {
    throw new Error(`The database setting "sqlite:${path.startsWith('//') ? '//…' : ''}" names no file. ${ACCEPTED}`);
  }
  return isAbsolute(path) ? path : resolve(baseDir, path);
}

/**
 * `baseDir` is the configuration file's folder. The error for an unknown form never repeats the
 * setting itself: a PostgreSQL URL may hold a password.
 */
export async function openStore(databaseUrl: string, baseDir: string, options: SqliteOptions = {}): Promise<RelayStore> {
  if (databaseUrl.startsWith('sqlite:')) return openSqliteStore(sqlitePath(databaseUrl, baseDir), options);
  if (databaseUrl.startsWith('postgres://') || databaseUrl.startsWith('postgresql://')) {
    return openPostgresStore(databaseUrl);
  }
  throw new Error(`The database setting is neither an SQLite nor a PostgreSQL URL. ${ACCEPTED}`);
}
