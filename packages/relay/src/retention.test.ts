// Retention against a real SQLite store, with the clock moved forward: the warning from 7 days
// before, once a day, and the deletion after retentionDays.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { memoryLog } from './log.js';
import { startRetention } from './retention.js';
import type { RelayStore } from './store/types.js';
import { tempDir } from '@vp-contact/test-kit';
import { sqliteStore } from './test-support/fixtures.js';

const DAY = 24 * 60 * 60 * 1000;
const temp = tempDir();
let store: RelayStore;

beforeAll(async () => {
  store = await sqliteStore(temp.dir);
});
afterAll(async () => {
  await store.close();
  temp.remove();
});

const armored = '-----BEGIN PGP MESSAGE-----\n\nwV4Dx\n-----END PGP MESSAGE-----\n';

it('warns from 7 days before, once a day, then deletes what was not collected in time; other mailboxes keep theirs', async () => {
  const start = Date.now();
  await store.add('a', armored);
  await store.add('a', armored);
  await store.add('b', armored);
  let now = new Date(start);
  const log = memoryLog();
  const retention = startRetention({
    store,
    mailboxes: [
      { id: 'a', retentionDays: 10 },
      { id: 'b', retentionDays: 30 },
    ],
    log,
    intervalMs: 3_600_000,
    now: () => now,
  });
  const events = () => log.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  await retention.sweep();
  expect(events()).toEqual([]);

  now = new Date(start + 2 * DAY);
  await retention.sweep();
  expect(events()).toEqual([]);

  now = new Date(start + 3 * DAY + 60_000);
  await retention.sweep();
  expect(events()).toEqual([
    {
      level: 'warn',
      event: 'retention-warning',
      mailbox: 'a',
      count: 2,
      message: '2 request(s) in mailbox "a" have waited more than 3 days and will be deleted within 7 days unless vp-counsellor pull collects them.',
    },
  ]);
  // Not again within a day.
  now = new Date(start + 3 * DAY + 3_600_000);
  await retention.sweep();
  expect(events()).toHaveLength(1);
  now = new Date(start + 4 * DAY + 120_000);
  await retention.sweep();
  expect(events()).toHaveLength(2);

  now = new Date(start + 10 * DAY + 120_000);
  await retention.sweep();
  expect(events().at(-1)).toEqual({
    level: 'warn',
    event: 'retention-deleted',
    mailbox: 'a',
    count: 2,
    message: 'Deleted 2 request(s) that were not collected within 10 days.',
  });
  expect((await store.list('a', { after: null, limit: 10 })).items).toEqual([]);
  expect((await store.list('b', { after: null, limit: 10 })).items).toHaveLength(1);
  await retention.stop();
});

it('logs a failing sweep and goes on', async () => {
  const dir = tempDir();
  const closed = await sqliteStore(dir.dir);
  await closed.close();
  const log = memoryLog();
  const retention = startRetention({ store: closed, mailboxes: [{ id: 'a', retentionDays: 30 }], log });
  await retention.sweep();
  await retention.stop();
  expect(JSON.parse(log.lines[0]!)).toMatchObject({ level: 'error', event: 'retention-failed', mailbox: 'a' });
  dir.remove();
});
