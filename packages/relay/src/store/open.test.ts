import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, sqlitePath } from './open.js';
import { openPostgresStore } from './postgres.js';

const dir = mkdtempSync(join(tmpdir(), 'vp-relay-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The error a promise rejects with; fails the test when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`Rejected with a non-Error: ${String(error)}`, { cause: error });
  }
  throw new Error('Expected a rejection, but it resolved.');
}

function testDatabaseUrl(): string {
  const url = process.env.VP_TEST_DATABASE_URL;
  if (!url) throw new Error('VP_TEST_DATABASE_URL is not set: run the tests through vitest (its global setup sets it).');
  return url;
}

describe('openStore', () => {
  it('places sqlite: paths relative to the configuration folder, absolute ones as they are', () => {
    expect(sqlitePath('sqlite:./data/relay.db', '/etc/vp-relay')).toBe('/etc/vp-relay/data/relay.db');
    expect(sqlitePath('sqlite:data/relay.db', '/etc/vp-relay')).toBe('/etc/vp-relay/data/relay.db');
    expect(sqlitePath('sqlite:../relay.db', '/etc/vp-relay')).toBe('/etc/relay.db');
    expect(sqlitePath('sqlite:/var/lib/vp-relay/relay.db', '/etc/vp-relay')).toBe('/var/lib/vp-relay/relay.db');
  });

  it('opens the default sqlite:./data/relay.db next to the configuration, creating the folder', async () => {
    const store = await openStore('sqlite:./data/relay.db', dir);
    try {
      expect(existsSync(join(dir, 'data', 'relay.db'))).toBe(true);
      const { id } = await store.add('box', 'ciphertext');
      expect((await store.list('box', { after: null, limit: 1 })).items[0]!.id).toBe(id);
    } finally {
      await store.close();
    }
  });

  it('opens PostgreSQL for postgres:// and postgresql:// URLs', async () => {
    const url = testDatabaseUrl();
    for (const form of [url.replace(/^postgresql:/, 'postgres:'), url.replace(/^postgres:/, 'postgresql:')]) {
      const store = await openStore(form, dir);
      try {
        await expect(store.ping()).resolves.toBeUndefined();
      } finally {
        await store.close();
      }
    }
  });

  it('refuses other settings with the accepted forms, never repeating the setting (it may hold a password)', async () => {
    for (const setting of ['mysql://relay:s3cret-pw@db/relay', 'relay.db', '', 'SQLITE:relay.db', 'sqlite:', 'sqlite://s3cret-pw/relay.db']) {
      const error = await rejection(openStore(setting, dir));
      expect(error.message).toContain('sqlite:./data/relay.db');
      expect(error.message).toContain('postgres://');
      expect(error.message).not.toContain('s3cret-pw');
    }
  });

  it('reports an unreachable PostgreSQL clearly, without the password', async () => {
    const error = await rejection(openStore('postgres://relay:s3cret-pw@127.0.0.1:1/relay', dir));
    expect(error.message).toMatch(/Could not open the PostgreSQL database: .*ECONNREFUSED.*Check the database URL/);
    expect(error.message).not.toContain('s3cret-pw');
  });

  it('refuses a PostgreSQL table name that is not a plain identifier', async () => {
    await expect(openPostgresStore(testDatabaseUrl(), { table: 'requests; DROP TABLE x' })).rejects.toThrow(/table name/);
  });
});
