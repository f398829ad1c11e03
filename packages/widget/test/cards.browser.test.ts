/**
 * Mailbox cards: the widget sends only with a valid card signed by the pinned primary key, encrypts
 * to exactly the (sub)keys it names, and shows no contact details that came unsigned from the relay.
 * The stub relay (web-test-runner.config.mjs) signs the cards in Node with signMailboxCard.
 */
import * as openpgp from 'openpgp';
import type { VpContact } from '../src/vp-contact.js';
import { $, assert, check, cleanup, equal, mailbox, makeKey, mount, received, RELAY, settled, submit, text, type, type MailboxSetup, type TestKey } from './helpers.js';

const SENTINEL = 'CARD-SENTINEL-4417';
const PROVIDER = { 'provider-phone': '+31 20 000 0000', 'provider-email': 'vp@voorbeeld.example' };
const RELAY_CONTACT = { phone: '+31 20 999 9999', email: 'relay@elders.example' };
const HOUR = 3_600_000;

interface RotatedKey {
  privateKey: string;
  fingerprint: string;
  stripped: string;
  rollback: string;
  newSubkey: string;
  oldSubkeyId: string;
  newSubkeyId: string;
}

let key: TestKey;
let otherKey: TestKey;
let rotated: RotatedKey;
before(async () => {
  key = await makeKey();
  otherKey = await makeKey();
  rotated = (await (await fetch('/__keys/rotated')).json()) as RotatedKey;
});
afterEach(cleanup);

async function sendWith(keys: string[], setup: MailboxSetup, attributes: Record<string, string> = PROVIDER, fingerprint = key.fingerprint, mode = 'ok') {
  const box = await mailbox(keys, mode, setup);
  const element = await mount({ relay: RELAY, mailbox: box, fingerprints: fingerprint, 'request-timeout': '5000', ...attributes }, '<p>Bel de vertrouwenspersoon.</p>');
  const codes: string[] = [];
  element.addEventListener('vp-error', (e) => codes.push(e.detail.code));
  await type(element, 'phone', '+31 20 000 0001');
  await type(element, 'message', SENTINEL);
  await check(element, 'termsAccepted');
  await submit(element);
  await settled(element);
  return { element, box, codes };
}

async function subkeyIdOf(armoredKey: string): Promise<string> {
  const read = await openpgp.readKey({ armoredKey });
  return read.getSubkeys()[0]!.getKeyID().toHex();
}

/** Failed closed: the card problem in plain words, nothing posted, the text kept, the attributes' contact offered. */
async function expectFailedClosed(element: VpContact, box: string, codes: string[]): Promise<void> {
  equal(codes, ['card-invalid'], 'vp-error code');
  const panel = $(element, '.failure');
  assert((panel.textContent ?? '').includes('Er is een technisch probleem met de beveiliging. Daarom is er niets verstuurd.'), 'says so in plain words');
  assert(panel.querySelector('a[href="tel:+31200000000"]') && panel.querySelector('a[href="mailto:vp@voorbeeld.example"]'), 'offers phone and e-mail');
  equal((await received(box)).length, 0, 'nothing posted');
  equal($<HTMLTextAreaElement>(element, '#message').value, SENTINEL, 'the text stays');
}

describe('<vp-contact> mailbox cards', () => {
  it('sends with a valid card, encrypted to exactly the subkey the card names', async () => {
    const { element, box } = await sendWith([key.publicKey], {});
    assert(element.shadowRoot!.querySelector('.sent'), 'sent');
    const posts = await received(box);
    equal(posts.length, 1, 'one post');
    equal(posts[0]!.recipients, [await subkeyIdOf(key.publicKey)], 'the recipient is the card\'s subkey');
    assert(!posts[0]!.body.includes(SENTINEL), 'only ciphertext');
  });

  it('fails closed without a card', async () => {
    const { element, box, codes } = await sendWith([key.publicKey], { cards: [] });
    await expectFailedClosed(element, box, codes);
  });

  it('says so in English too', async () => {
    const { element } = await sendWith([key.publicKey], { cards: [] }, { ...PROVIDER, lang: 'en' });
    assert(text(element).includes('There is a technical problem with the security. That is why nothing was sent.'), 'English words');
  });

  it('fails closed with an expired card', async () => {
    const issuedAt = new Date(Date.now() - 3 * HOUR).toISOString();
    const expiresAt = new Date(Date.now() - HOUR).toISOString();
    const { element, box, codes } = await sendWith([key.publicKey], { cards: [{ privateKey: key.privateKey, issuedAt, expiresAt }] });
    await expectFailedClosed(element, box, codes);
  });

  it('fails closed with a card signed by another key', async () => {
    const { element, box, codes } = await sendWith([key.publicKey], { cards: [{ privateKey: otherKey.privateKey }] });
    await expectFailedClosed(element, box, codes);
  });

  it('fails closed with a card changed after signing', async () => {
    const { element, box, codes } = await sendWith([key.publicKey], { cards: [{ privateKey: key.privateKey, tamper: true }] });
    await expectFailedClosed(element, box, codes);
    assert(!text(element).includes('+31 20 000 0009'), 'the changed phone number is not shown');
  });

  it('a relay that strips a subkey revocation gets nothing encrypted to the retired subkey', async () => {
    // openpgp.js by itself would pick the first subkey, which the stripped key shows as valid.
    const { element, box } = await sendWith([rotated.stripped], { cards: [{ privateKey: rotated.privateKey, encryptionKeys: [rotated.newSubkey] }] }, PROVIDER, rotated.fingerprint);
    assert(element.shadowRoot!.querySelector('.sent'), 'sent');
    const posts = await received(box);
    equal(posts.length, 1, 'one post');
    equal(posts[0]!.recipients, [rotated.newSubkeyId], 'encrypted to the new subkey only');
  });

  it('fails closed when the relay rolls the key back to a version without the card\'s subkey', async () => {
    const { element, box, codes } = await sendWith([rotated.rollback], { cards: [{ privateKey: rotated.privateKey, encryptionKeys: [rotated.newSubkey] }] }, PROVIDER, rotated.fingerprint);
    await expectFailedClosed(element, box, codes);
  });

  it('offers the card\'s contact details, never the descriptor\'s', async () => {
    // The card is verified and the POST then fails: the card's phone and e-mail, not the relay's own.
    const { element } = await sendWith([key.publicKey], { contact: RELAY_CONTACT }, {}, key.fingerprint, 'post-error-500');
    const panel = $(element, '.failure');
    assert(panel.querySelector('a[href="tel:+31200000000"]') && panel.querySelector('a[href="mailto:vp@voorbeeld.example"]'), 'the card\'s phone and e-mail');
    assert(!text(element).includes('999 9999') && !text(element).includes('elders.example'), 'nothing of the descriptor\'s contact');
  });

  it('without a valid card and without attributes, shows the page\'s own fallback, never the descriptor\'s contact', async () => {
    const { element } = await sendWith([key.publicKey], { cards: [], contact: RELAY_CONTACT }, {});
    const panel = $(element, '.failure');
    equal(panel.querySelector('a[href^="tel:"], a[href^="mailto:"]'), null, 'no contact links');
    assert(panel.querySelector('slot'), 'the page\'s fallback text');
    assert(!text(element).includes('999 9999') && !text(element).includes('elders.example'), 'nothing of the descriptor\'s contact');
  });

  it('names the provider from the verified card when the embed does not, never from the descriptor', async () => {
    const before = await mount({ relay: RELAY, mailbox: 'not-yet', fingerprints: key.fingerprint });
    assert(text(before).includes('Een vertrouwenspersoon helpt je') && text(before).includes('Alleen de vertrouwenspersonen kunnen je verzoek lezen'), 'a generic wording before any card');
    cleanup();
    const { element } = await sendWith([key.publicKey], { cards: [{ privateKey: key.privateKey, displayName: 'Vertrouwenspunt Voorbeeld' }] }, PROVIDER, key.fingerprint, 'post-error-500');
    assert(text(element).includes('Een vertrouwenspersoon van Vertrouwenspunt Voorbeeld'), 'the card\'s name');
    assert(!text(element).includes('Vertrouwenspersonen Voorbeeld'), 'not the descriptor\'s name');
  });

  it('the embed\'s attributes win over the card\'s contact details', async () => {
    const attributes = { 'provider-phone': '+31 20 000 0002', 'provider-email': 'hr-vp@voorbeeld.example' };
    const { element } = await sendWith([key.publicKey], { contact: RELAY_CONTACT }, attributes, key.fingerprint, 'post-error-500');
    const panel = $(element, '.failure');
    assert(panel.querySelector('a[href="tel:+31200000002"]') && panel.querySelector('a[href="mailto:hr-vp@voorbeeld.example"]'), 'the attributes\' phone and e-mail');
  });
});
