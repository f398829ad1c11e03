import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readPrivateKey } from '@vp-contact/protocol';
import { readInbox, findInboxRequest } from './decrypt.js';
import { Inbox, entryFileName } from './inbox.js';
import { encryptedRequest, type Keys, makeKeys, PASSPHRASE, tempDir } from '@vp-contact/test-kit';

let provider: Keys;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  provider = await makeKeys();
});

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function newDir() {
  const temp = tempDir();
  cleanups.push(temp.remove);
  return temp.dir;
}

describe('Inbox', () => {
  it('stores each ciphertext byte for byte under its receipt time and id, once', async () => {
    const dir = newDir();
    const inbox = await Inbox.open(join(dir, 'inbox'), { create: true });
    expect(statSync(inbox.dir).mode & 0o777).toBe(0o700);
    const { ciphertext } = await encryptedRequest([provider.recipient]);
    const item = { id: 'abc_123-X', receivedAt: '2026-11-24T09:30:00.123Z', ciphertext };
    const [first] = await inbox.store([item]);
    expect(first).toMatchObject({ written: true, entry: { id: 'abc_123-X', receivedAt: item.receivedAt, file: '2026-11-24T093000.123Z_abc_123-X.asc' } });
    expect(readFileSync(first!.entry.path, 'utf8')).toBe(ciphertext);
    expect(statSync(first!.entry.path).mode & 0o777).toBe(0o600);
    // The same id again, alone and twice in one batch: nothing is written again.
    const again = await inbox.store([item, item]);
    expect(again.map((r) => r.written)).toEqual([false, false]);
    const twiceInOneBatch = await inbox.store([{ ...item, id: 'other' }, { ...item, id: 'other' }]);
    expect(twiceInOneBatch.map((r) => r.written)).toEqual([true, false]);
    expect(readdirSync(inbox.dir).sort()).toEqual(['2026-11-24T093000.123Z_abc_123-X.asc', '2026-11-24T093000.123Z_other.asc']);
  });

  it('lists entries newest first and finds one by id or file name', async () => {
    const inbox = await Inbox.open(newDir());
    const { ciphertext } = await encryptedRequest([provider.recipient]);
    await inbox.store([
      { id: 'b', receivedAt: '2026-11-24T10:00:00.000Z', ciphertext },
      { id: 'a', receivedAt: '2026-11-23T10:00:00.000Z', ciphertext },
      { id: 'c', receivedAt: '2026-11-25T08:00:00.000Z', ciphertext },
    ]);
    writeFileSync(join(inbox.dir, 'notes.txt'), 'a file of the counsellor, left alone');
    expect((await inbox.entries()).map((e) => e.id)).toEqual(['c', 'b', 'a']);
    expect((await inbox.find('b'))?.receivedAt).toBe('2026-11-24T10:00:00.000Z');
    expect((await inbox.find('2026-11-23T100000.000Z_a.asc'))?.id).toBe('a');
    expect(await inbox.find('nope')).toBeNull();
  });

  it('refuses ids and times from a relay that cannot be safe file names', () => {
    expect(() => entryFileName({ id: '../../etc/passwd', receivedAt: '2026-11-24T10:00:00Z' })).toThrow(/cannot be a file name/);
    expect(() => entryFileName({ id: 'ok', receivedAt: 'yesterday' })).toThrow(/not a date/);
    // Issue #10.3: a date JavaScript reads, but whose ISO form (-000001-12-31…) no inbox name holds.
    expect(() => entryFileName({ id: 'ok', receivedAt: '0000-01-01T00:00:00+01:00' })).toThrow(/not a date/);
    expect(() => entryFileName({ id: 'ok', receivedAt: '+275760-09-13T00:00:00Z' })).toThrow(/not a date/);
  });

  it('a batch with one request that cannot be named is refused before anything is written', async () => {
    const dir = newDir();
    const inbox = await Inbox.open(dir, { create: true });
    const good = { id: 'good', receivedAt: '2026-11-24T10:00:00Z', ciphertext: '-----BEGIN PGP MESSAGE-----\n' };
    await expect(inbox.store([good, { ...good, id: 'bad', receivedAt: '0000-01-01T00:00:00+01:00' }])).rejects.toMatchObject({ code: 'relay-bad-response' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('removes temporary files of a crashed writer, and only those', async () => {
    const inbox = await Inbox.open(newDir());
    // Linux never hands out a pid above 2^22 (the largest pid_max), so this writer is surely gone.
    writeFileSync(join(inbox.dir, '.vp-tmp-4194305-0a1b2c3d4e5f.partial'), 'half a request');
    writeFileSync(join(inbox.dir, '.vp-tmp-1-0a1b2c3d4e5f.partial'), 'pid 1 is alive: someone else is writing');
    expect(await inbox.removeLeftovers()).toBe(1);
    expect(readdirSync(inbox.dir)).toEqual(['.vp-tmp-1-0a1b2c3d4e5f.partial']);
  });

  it('a missing inbox is an error that names the folder', async () => {
    const dir = join(newDir(), 'not-there');
    await expect(Inbox.open(dir)).rejects.toMatchObject({ code: 'inbox-missing', message: expect.stringContaining(dir) as unknown });
  });
});

describe('readInbox and findInboxRequest', () => {
  it('decrypt what is readable and report each bad file without stopping', async () => {
    const inbox = await Inbox.open(newDir());
    const key = await readPrivateKey(provider.privateKey, PASSPHRASE);
    const good = await encryptedRequest([provider.recipient], { name: 'Sam' });
    const other = await makeKeys({ email: 'ander@voorbeeld.example' });
    const foreign = await encryptedRequest([other.recipient]);
    const damaged = await encryptedRequest([provider.recipient]);
    await inbox.store([
      { id: 'good', receivedAt: '2026-11-24T10:00:00.000Z', ciphertext: good.ciphertext },
      { id: 'foreign', receivedAt: '2026-11-24T11:00:00.000Z', ciphertext: foreign.ciphertext },
      { id: 'damaged', receivedAt: '2026-11-24T12:00:00.000Z', ciphertext: damaged.ciphertext },
    ]);
    const damagedFile = (await inbox.find('damaged'))!.path;
    writeFileSync(damagedFile, damaged.ciphertext.slice(0, 200));
    const results = await readInbox(inbox, [key]);
    expect(results.map((r) => [r.entry.id, r.ok])).toEqual([
      ['damaged', false],
      ['foreign', false],
      ['good', true],
    ]);
    expect(results[0]).toMatchObject({ error: { code: 'truncated' } });
    expect(results[1]).toMatchObject({ error: { code: 'wrong-recipient' } });
    expect(results[2]).toMatchObject({ request: good.request });

    const byReference = await findInboxRequest(inbox, good.request.reference.toLowerCase().replace('-', ''), [key]);
    expect(byReference.match).toMatchObject({ ok: true, entry: { id: 'good' } });
    expect(byReference.unreadable.map((r) => r.entry.id)).toEqual(['damaged', 'foreign']);
    expect((await findInboxRequest(inbox, 'ZZZ-ZZZ', [key])).match).toBeNull();
  });
});
