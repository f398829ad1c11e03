// Replacing the encryption subkey without changing any embed code, exactly as the guide
// (README, "Replacing the encryption subkey") says, with real GnuPG, the real vp-counsellor and a
// real vp-relay: a key made by keygen; a new subkey added and the old one revoked with gpg; a new
// card naming only the new subkey; the relay serving the new public key and card. A request made
// as the widget makes it (pinned key, newest valid card) decrypts on a laptop that holds only the
// new subkey's secret, through pull and show, and not with the old subkey's secret.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as openpgp from 'openpgp';
import { checkRecipientKey, encryptRequest, inspectCiphertext, newestValidCard, normalizeFingerprint } from '@vp-contact/protocol';
import { MailboxDescriptorSchema } from '@vp-contact/protocol/http';
import * as v from 'valibot';
import { Inbox } from './inbox.js';
import { Gpg, PASSPHRASE, tempDir, validRequest } from '@vp-contact/test-kit';
import { runCli, writeSecret } from './test-support/fixtures.js';
import { startRelay, type TestRelay } from './test-support/relay.js';

const temp = tempDir('vp-rotation-');
const dir = temp.dir;
const env = { VP_PASSPHRASE: PASSPHRASE };
const gpg = new Gpg();
let relay: TestRelay | undefined;
let primary: string;
let oldSubkey: string;
let newSubkey: string;
/** A request encrypted to the old subkey before the rotation, already pulled into the inbox. */
let before: Awaited<ReturnType<typeof validRequest>>;

const CONTACT = ['--name', 'Vertrouwenspersonen Voorbeeld', '--phone', '+31 20 000 0000', '--email', 'vp@voorbeeld.example'];

beforeAll(async () => {
  // Day one: keygen and a first card. The laptops get private.asc as keygen made it.
  const made = await runCli(['keygen', '--name', 'Vertrouwenspersonen Voorbeeld', '--email', 'vp@voorbeeld.example', '--out', join(dir, 'offline')], { env });
  expect(made.code).toBe(0);
  const firstCard = await runCli(['card', '--key', join(dir, 'offline', 'private.asc'), '--mailbox', 'voorbeeld', ...CONTACT, '--out', join(dir, 'offline', 'card-1.asc')], { env });
  expect(firstCard.code).toBe(0);
  before = await validRequest({ message: 'Voor de sleutelwissel.' });
  const oldKey = await checkRecipientKey(readFileSync(join(dir, 'offline', 'public.asc'), 'utf8'), [
    (await openpgp.readKey({ armoredKey: readFileSync(join(dir, 'offline', 'public.asc'), 'utf8') })).getFingerprint(),
  ]);
  const inbox = await Inbox.open(join(dir, 'inbox'), { create: true });
  await inbox.store([{ id: 'before-rotation', receivedAt: new Date(Date.now() - 3_600_000).toISOString(), ciphertext: await encryptRequest(before, [oldKey]) }]);

  // The rotation, on the offline machine that holds the primary key (the README's steps 1 to 4).
  gpg.run(['--import', join(dir, 'offline', 'private.asc')], { passphrase: PASSPHRASE });
  primary = gpg.fingerprintOf('vp@voorbeeld.example');
  oldSubkey = gpg.subkeyFingerprints(primary)[0]!;
  gpg.run(['--quick-add-key', primary, 'cv25519', 'encr', '2y'], { passphrase: PASSPHRASE });
  gpg.revokeSubkey(primary, 1, PASSPHRASE);
  newSubkey = gpg.subkeyFingerprints(primary)[1]!;
  writeSecret(join(dir, 'offline', 'primary.asc'), gpg.run(['--armor', '--export-secret-keys', primary], { passphrase: PASSPHRASE }));
  const card = await runCli(
    ['card', '--key', join(dir, 'offline', 'primary.asc'), '--subkey', newSubkey, '--mailbox', 'voorbeeld', ...CONTACT, '--out', join(dir, 'offline', 'card-2.asc')],
    { env },
  );
  expect(card.stderr).toBe('');
  expect(card.code).toBe(0);

  // The relay gets the new public key and both cards (the widget takes the newest valid one).
  mkdirSync(join(dir, 'keys'));
  writeFileSync(join(dir, 'keys', 'public.asc'), gpg.run(['--armor', '--export', primary]));
  writeFileSync(join(dir, 'keys', 'card-1.asc'), readFileSync(join(dir, 'offline', 'card-1.asc')));
  writeFileSync(join(dir, 'keys', 'card-2.asc'), readFileSync(join(dir, 'offline', 'card-2.asc')));
  relay = await startRelay(dir, ['keys/public.asc'], 'voorbeeld', { cards: ['keys/card-1.asc', 'keys/card-2.asc'] });

  // The laptops: the new subkey's secret only (the ! means exactly this subkey), and for the
  // check below, what a laptop from before the rotation holds: the old subkey's secret only.
  writeSecret(join(dir, 'laptop.asc'), gpg.run(['--armor', '--export-secret-subkeys', `${newSubkey}!`], { passphrase: PASSPHRASE }));
  writeSecret(join(dir, 'old-laptop.asc'), gpg.run(['--armor', '--export-secret-subkeys', `${oldSubkey}!`], { passphrase: PASSPHRASE }));
  // Until the requests already sent to the old subkey are read: both subkeys' secrets.
  writeSecret(join(dir, 'transition.asc'), gpg.run(['--armor', '--export-secret-subkeys', `${oldSubkey}!`, `${newSubkey}!`], { passphrase: PASSPHRASE }));
  writeSecret(join(dir, 'token'), `${relay.token}\n`);
}, 60_000);

afterAll(async () => {
  await relay?.stop();
  gpg.dispose();
  temp.remove();
});

describe('replacing the encryption subkey, primary key offline, embed codes unchanged', () => {
  it('a request made as the widget makes it goes to the new subkey only; the new laptop key reads it through pull and show, the old one cannot', async () => {
    // The widget's side: the descriptor, the key checked against the pin, the newest valid card.
    const descriptor = v.parse(MailboxDescriptorSchema, await (await fetch(`${relay!.url}/v1/mailboxes/voorbeeld`)).json());
    expect(descriptor.cards).toHaveLength(2);
    const pinned = await checkRecipientKey(descriptor.publicKeys[0]!, [primary]);
    const newest = await newestValidCard(descriptor.cards, [pinned], { mailbox: 'voorbeeld' });
    expect(newest?.card.encryptionKeys).toEqual([normalizeFingerprint(newSubkey)]);
    const request = await validRequest({ name: 'Robin', message: 'Na de sleutelwissel.' });
    const ciphertext = await encryptRequest(request, [pinned], { encryptionKeys: newest!.card.encryptionKeys });
    expect(inspectCiphertext(ciphertext).recipientKeyIds).toEqual([newSubkey.slice(-16).toLowerCase()]);
    await relay!.submit(ciphertext);

    // The laptop: the primary key's secret is not there, only the new subkey's.
    const laptop = await openpgp.readPrivateKey({ armoredKey: readFileSync(join(dir, 'laptop.asc'), 'utf8') });
    expect((laptop.keyPacket as openpgp.SecretKeyPacket).isDummy()).toBe(true);
    const common = ['--relay', relay!.url, '--mailbox', 'voorbeeld', '--token-file', join(dir, 'token'), '--inbox', join(dir, 'inbox')];
    const pulled = await runCli(['pull', ...common, '--key', join(dir, 'laptop.asc')], { env });
    expect(pulled.stderr).toBe('');
    expect(pulled.code).toBe(0);
    const shown = await runCli(['show', request.reference, '--inbox', join(dir, 'inbox'), '--key', join(dir, 'laptop.asc'), '--json'], { env });
    expect(shown.code).toBe(0);
    expect((JSON.parse(shown.stdout) as { request: unknown }).request).toEqual({ ...request, hrNotice: 'anonymous' });

    // The old subkey's secret (a lost laptop's) cannot read it, nor can keygen's original file.
    for (const key of [join(dir, 'old-laptop.asc'), join(dir, 'offline', 'private.asc')]) {
      const old = await runCli(['show', request.reference, '--inbox', join(dir, 'inbox'), '--key', key], { env });
      expect(old.code).toBe(1);
      expect(old.stdout).not.toContain('Na de sleutelwissel.');
      expect(old.stderr).toMatch(/is encrypted to key id [0-9a-f]{16}, not to this private key/);
    }

    // Requests sent before the rotation: the transition key (both subkeys) reads old and new;
    // the new laptop key reads only the new one and names the old file as unreadable.
    const both = await runCli(['list', '--inbox', join(dir, 'inbox'), '--key', join(dir, 'transition.asc'), '--json'], { env });
    expect(both.code).toBe(0);
    const listed = JSON.parse(both.stdout) as { requests: { request: { reference: string } }[]; unreadable: unknown[] };
    expect(listed.unreadable).toEqual([]);
    expect(listed.requests.map((item) => item.request.reference).sort()).toEqual([before.reference, request.reference].sort());
    const newOnly = await runCli(['show', before.reference, '--inbox', join(dir, 'inbox'), '--key', join(dir, 'laptop.asc')], { env });
    expect(newOnly.code).toBe(1);
    expect(newOnly.stderr).toMatch(/before-rotation\.asc: The request is encrypted to key id [0-9a-f]{16}, not to this private key/);

    // And the laptop key cannot sign a new card: only the offline primary can.
    const refused = await runCli(['card', '--key', join(dir, 'laptop.asc'), '--mailbox', 'voorbeeld', ...CONTACT, '--out', join(dir, 'card-3.asc')], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/holds no secret of the primary key/);
  });
});
