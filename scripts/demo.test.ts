// The demo's preparation (npm start, and the end-to-end test): its relay config lists a mailbox
// card that is valid for the demo key, kept while it is good, and signed anew when it is missing,
// about to expire, or not for this key.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRecipientKey, verifyMailboxCard } from '@vp-contact/protocol';
import { COUNSELLOR_BIN, MAILBOX, prepareDemo } from './demo.mjs';

let dir: string;
const options = () => ({ dir, intranetOrigin: 'http://localhost:8080', relayPort: 8787 });

async function cardOf(prepared: { cardFile: string; keyDir: string; fingerprint: string }) {
  const recipient = await checkRecipientKey(await readFile(join(prepared.keyDir, 'public.asc'), 'utf8'), [prepared.fingerprint]);
  return verifyMailboxCard(await readFile(prepared.cardFile, 'utf8'), recipient, { mailbox: MAILBOX });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vp-demo-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('prepareDemo', () => {
  it('makes a valid card for the demo mailbox and lists it in the relay config; keeps it while it is good', async () => {
    const first = await prepareDemo(options());
    const card = await cardOf(first);
    expect(card).toMatchObject({ mailbox: MAILBOX, displayName: 'Vertrouwenspersonen Voorbeeld (demo)', responseHours: 48 });
    expect(Date.parse(card.expiresAt) - Date.now()).toBeGreaterThan(80 * 86_400_000);
    const config = JSON.parse(await readFile(first.configFile, 'utf8')) as { mailboxes: { cards: string[]; displayName: string; contact: unknown }[] };
    const [mailbox] = config.mailboxes;
    expect(mailbox?.cards).toEqual(['key/card.asc']);
    expect(join(dir, mailbox!.cards[0]!)).toBe(first.cardFile);
    // The card says what the relay config says.
    expect(card.displayName).toBe(mailbox!.displayName);
    expect(card.contact).toEqual(mailbox!.contact);

    const armored = await readFile(first.cardFile, 'utf8');
    const second = await prepareDemo(options());
    expect(second.firstRun).toBe(false);
    expect(await readFile(second.cardFile, 'utf8')).toBe(armored);
  });

  it('signs a new card when the card expires within 30 days, and when it is not a valid card', async () => {
    const prepared = await prepareDemo(options());
    // A card valid for 10 more days, as a provider might have left it.
    const short = spawnSync(
      process.execPath,
      [COUNSELLOR_BIN, 'card', '--key', join(prepared.keyDir, 'private.asc'), '--passphrase-file', prepared.passphraseFile, '--mailbox', MAILBOX,
        '--name', 'Vertrouwenspersonen Voorbeeld (demo)', '--email', 'vp@voorbeeld.example', '--valid-days', '10', '--out', prepared.cardFile, '--replace'],
      { encoding: 'utf8' },
    );
    expect(short.status).toBe(0);
    expect(Date.parse((await cardOf(prepared)).expiresAt) - Date.now()).toBeLessThan(11 * 86_400_000);
    const renewed = await prepareDemo(options());
    expect(Date.parse((await cardOf(renewed)).expiresAt) - Date.now()).toBeGreaterThan(80 * 86_400_000);

    await writeFile(prepared.cardFile, '-----BEGIN PGP MESSAGE-----\n\nbroken\n-----END PGP MESSAGE-----\n');
    const repaired = await prepareDemo(options());
    expect((await cardOf(repaired)).mailbox).toBe(MAILBOX);
  });
});
