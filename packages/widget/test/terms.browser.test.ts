/**
 * The employer's terms settings: each changes the Dutch and English texts the employee reads and
 * acknowledges, and so the termsVersion in the request; every variant passes axe; the provider's
 * phone and web address show always; counsellors show only from a verified mailbox card.
 */
import { decryptRequest, readPrivateKey, type ContactRequest } from '@vp-contact/protocol';
import type { VpContact } from '../src/vp-contact.js';
import { $, assert, check, cleanup, equal, expectNoAxeViolations, mailbox, makeKey, maybe, mount, received, RELAY, settled, submit, text, type, type TestKey } from './helpers.js';

const PROVIDER = { 'provider-phone': '+31 20 000 0000', 'provider-web': 'https://www.voorbeeld.example/vertrouwenspersoon' };

/** Every setting away from its default, one at a time. */
const VARIANTS: Record<string, Record<string, string>> = {
  default: {},
  'hr-notice none': { 'hr-notice': 'none' },
  'hr-notice anonymous': { 'hr-notice': 'anonymous' },
  'trend-reports yes': { 'trend-reports': 'yes' },
  'whistleblower-adviser yes': { 'whistleblower-adviser': 'yes' },
  'integrity-url': { 'integrity-url': 'https://intranet.voorbeeld.example/klokkenluiders' },
  'privacy-url': { 'privacy-url': 'https://www.voorbeeld.example/privacy' },
  'response-hours': { 'response-hours': '24' },
  'response-working-days': { 'response-working-days': '2' },
  'provider-name': { 'provider-name': 'Vertrouwenspersonen Voorbeeld' },
};

let key: TestKey;
before(async () => {
  key = await makeKey();
});
afterEach(cleanup);

/** The terms section's text. */
const termsOf = (element: VpContact) => (element.shadowRoot!.querySelector('[aria-labelledby="terms-heading"]')!.textContent ?? '').replace(/\s+/g, ' ');
/** The about section's text (the whistleblowing sentence is there, and part of the terms). */
const aboutOf = (element: VpContact) => (element.shadowRoot!.querySelector('[aria-labelledby="about-heading"]')!.textContent ?? '').replace(/\s+/g, ' ');

async function sendAndRead(attributes: Record<string, string>): Promise<{ element: VpContact; request: ContactRequest }> {
  const box = await mailbox([key.publicKey]);
  const element = await mount({ relay: RELAY, mailbox: box, fingerprints: key.fingerprint, 'request-timeout': '5000', ...PROVIDER, ...attributes });
  await type(element, 'phone', '+31 20 000 0001');
  await check(element, 'termsAccepted');
  await submit(element);
  await settled(element);
  assert(maybe(element, '.sent'), `sent (${JSON.stringify(attributes)})`);
  const [post] = await received(box);
  const { ciphertext } = JSON.parse(post!.body) as { ciphertext: string };
  const request = await decryptRequest(ciphertext, [await readPrivateKey(key.privateKey)]);
  return { element, request };
}

describe('<vp-contact> terms settings', () => {
  for (const lang of ['nl', 'en']) {
    it(`every setting changes the ${lang} texts, and every variant passes axe`, async () => {
      const seen = new Map<string, string>();
      for (const [name, attributes] of Object.entries(VARIANTS)) {
        const box = await mailbox([key.publicKey]);
        const element = await mount({ relay: RELAY, mailbox: box, fingerprints: key.fingerprint, lang, ...PROVIDER, ...attributes });
        const shown = `${termsOf(element)}\n${aboutOf(element)}`;
        for (const [other, text] of seen) assert(text !== shown, `${name} shows other texts than ${other}`);
        seen.set(name, shown);
        await expectNoAxeViolations(element, `${lang}, ${name}`);
        cleanup();
      }
    });
  }

  it('every setting changes the termsVersion of the request, and hr-notice decides what HR may hear', async () => {
    const versions = new Map<string, string>();
    for (const [name, attributes] of Object.entries(VARIANTS)) {
      const { request } = await sendAndRead(attributes);
      for (const [other, version] of versions) assert(version !== request.termsVersion, `${name} has another termsVersion than ${other}`);
      versions.set(name, request.termsVersion);
      if (name === 'hr-notice none') equal(request.hrNotice, 'none', 'HR hears nothing');
      if (name === 'hr-notice anonymous') equal(request.hrNotice, 'anonymous', 'HR hears only date and region');
      cleanup();
    }
  });

  it('asks the employee about HR only when the terms leave the choice to them', async () => {
    const box = await mailbox([key.publicKey]);
    for (const [setting, radios, words] of [
      ['choice', 2, 'Je kiest zelf wat HR hoort'],
      ['anonymous', 0, 'HR hoort alleen dat er een verzoek is, met datum en regio. Niet je naam.'],
      ['none', 0, 'HR hoort niets over je verzoek.'],
    ] as const) {
      const element = await mount({ relay: RELAY, mailbox: box, fingerprints: key.fingerprint, 'hr-notice': setting });
      equal(element.shadowRoot!.querySelectorAll('input[name="hrNotice"]').length, radios, `radios for ${setting}`);
      assert(termsOf(element).includes(words), `the terms say it (${setting})`);
      cleanup();
    }
  });

  it('says the response promise in hours or working days, in the terms and after sending', async () => {
    const { element } = await sendAndRead({ 'response-working-days': '2' });
    assert(text(element).includes('Een vertrouwenspersoon neemt binnen 2 werkdagen contact met je op.'), 'after sending, in working days');
    cleanup();
    const box = await mailbox([key.publicKey]);
    const english = await mount({ relay: RELAY, mailbox: box, fingerprints: key.fingerprint, lang: 'en', 'response-hours': '24' });
    assert(termsOf(english).includes('A confidential adviser will contact you within 24 hours.'), 'in the terms, in hours');
  });

  it('refuses a wrong terms setting with a message for the web team, and shows no form', async () => {
    for (const [attributes, words] of [
      [{ 'hr-notice': 'sometimes' }, 'hr-notice must be none or anonymous or choice'],
      [{ 'trend-reports': 'ja' }, 'trend-reports must be yes or no'],
      [{ 'whistleblower-adviser': 'maybe' }, 'whistleblower-adviser must be yes or no'],
      [{ 'privacy-url': 'http://www.voorbeeld.example/privacy' }, 'privacy-url must be an https:// address'],
      [{ 'provider-web': 'javascript:alert(1)' }, 'provider-web must be an https:// address'],
      [{ 'integrity-url': 'javascript:alert(1)' }, 'integrity-url must be a web address'],
      [{ 'response-hours': '24', 'response-working-days': '2' }, 'Set response-hours or response-working-days, not both.'],
      [{ 'response-working-days': '0' }, 'response-working-days must be a whole number from 1 to 30'],
    ] as const) {
      const element = await mount({ relay: RELAY, mailbox: 'voorbeeld', fingerprints: key.fingerprint, ...attributes });
      assert(text(element).includes(words), `names the problem: ${words}`);
      equal(maybe(element, 'form'), null, 'no form');
      cleanup();
    }
  });
});

describe('<vp-contact> the provider, always in reach', () => {
  it('shows the phone number and the public web address before anything is sent, in both languages', async () => {
    for (const lang of ['nl', 'en']) {
      const element = await mount({ relay: RELAY, mailbox: 'voorbeeld', fingerprints: key.fingerprint, lang, ...PROVIDER });
      const line = $(element, '.reach-provider');
      assert(line.querySelector('a[href="tel:+31200000000"]'), `the phone number (${lang})`);
      assert(line.querySelector('a[href="https://www.voorbeeld.example/vertrouwenspersoon"]'), `the web address (${lang})`);
      assert((line.textContent ?? '').includes(lang === 'nl' ? 'Liever bellen?' : 'Rather call?'), `"Liever bellen?" (${lang})`);
      cleanup();
    }
  });
});

describe('<vp-contact> counsellors', () => {
  const COUNSELLORS = [{ name: 'Anna de Vries', region: 'Noord', languages: ['nl', 'en'] }, { name: 'Sam Jansen' }];

  it('shows the counsellors of a verified card, and none before there is one', async () => {
    const box = await mailbox([key.publicKey], 'ok', { cards: [{ privateKey: key.privateKey, counsellors: COUNSELLORS }] });
    const element = await mount({ relay: RELAY, mailbox: box, fingerprints: key.fingerprint, 'request-timeout': '5000', ...PROVIDER });
    assert(!text(element).includes('Anna de Vries'), 'no names before a card is verified');
    await type(element, 'phone', '+31 20 000 0001');
    await check(element, 'termsAccepted');
    await submit(element);
    await settled(element);
    $<HTMLButtonElement>(element, '.again').click();
    await element.updateComplete;
    const about = aboutOf(element);
    assert(about.includes('Je kunt een van deze vertrouwenspersonen spreken:'), 'the lead');
    assert(about.includes('Anna de Vries · Noord · NL, EN') && about.includes('Sam Jansen'), 'the names, region and languages');
    await expectNoAxeViolations(element, 'with counsellors');
  });

  it('never shows counsellors from a card that does not verify', async () => {
    const other = await makeKey();
    const box = await mailbox([key.publicKey], 'ok', { cards: [{ privateKey: other.privateKey, counsellors: COUNSELLORS }] });
    const element = await mount({ relay: RELAY, mailbox: box, fingerprints: key.fingerprint, 'request-timeout': '5000', ...PROVIDER });
    await type(element, 'phone', '+31 20 000 0001');
    await check(element, 'termsAccepted');
    await submit(element);
    await settled(element);
    assert(maybe(element, '.failure'), 'failed closed');
    assert(!text(element).includes('Anna de Vries'), 'no names from an unverified card');
  });
});
