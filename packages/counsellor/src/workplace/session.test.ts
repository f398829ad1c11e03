// The session's fetch rounds: "fetch now" during a round (the one unlock starts, or the minute's)
// must not just join that round, which may have asked the relay before the request the counsellor
// expects arrived; it gets a round that starts after the running one.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeKeys, tempDir } from '@vp-contact/test-kit';
import { PASSPHRASE, writeWorkplaceSettings } from '../test-support/workplace.js';
import { Session } from './session.js';
import { readWorkplaceSettings } from './settings.js';

const temp = tempDir('vp-workplace-session-');
let session: Session;
let clock = Date.UTC(2026, 0, 5, 9, 0, 0);

beforeAll(async () => {
  const provider = await makeKeys();
  // Port 9 (discard) on loopback: nothing listens, so each round ends at once as 'relay-unreachable'.
  const settingsFile = writeWorkplaceSettings(temp.dir, provider, [
    { employer: 'Voorbeeld B.V.', relay: 'http://127.0.0.1:9', mailbox: 'voorbeeld', token: 'vp_token_not_used_here' },
  ]);
  session = new Session({ settings: await readWorkplaceSettings(settingsFile), fetchEveryMs: 0, now: () => new Date(clock) });
  await session.unlock(PASSPHRASE);
});

afterAll(async () => {
  await session?.close();
  temp.remove();
});

it('a fetch asked for during a round gets a round of its own, after it; callers meanwhile share it', async () => {
  const status = () => [...session.statuses.values()][0]!;
  const running = session.fetchAll();
  expect(status().lastAttemptAt).toBe('2026-01-05T09:00:00.000Z');
  clock += 60_000;
  const asked = session.fetchAll();
  const alsoAsked = session.fetchAll();
  await Promise.all([running, asked, alsoAsked]);
  expect(status().lastAttemptAt).toBe('2026-01-05T09:01:00.000Z');
  expect(status().state).toBe('relay-unreachable');
});
