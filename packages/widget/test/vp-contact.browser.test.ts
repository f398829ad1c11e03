import { decryptRequest, readPrivateKey } from '@vp-contact/protocol';
import { sendKeys } from '@web/test-runner-commands';
import { VpSentEvent } from '../src/events.js';
import { bundle } from './standalone-helpers.js';
import type { VpContact } from '../src/vp-contact.js';
import {
  $,
  assert,
  check,
  cleanup,
  equal,
  expectNoAxeViolations,
  mailbox,
  makeKey,
  maybe,
  mount,
  received,
  RELAY,
  release,
  sendEnded,
  settled,
  setupMailbox,
  submit,
  text,
  type,
  type TestKey,
  until,
} from './helpers.js';

const SENTINEL = 'ZEBRA-SENTINEL-7731';
const PROVIDER = { 'provider-phone': '+31 20 000 0000', 'provider-email': 'vp@voorbeeld.example' };

let key: TestKey;
let otherKey: TestKey;
before(async () => {
  key = await makeKey();
  otherKey = await makeKey();
});
afterEach(cleanup);

async function widget(keys: string[], extra: Record<string, string> = {}, mode = 'ok') {
  const box = await mailbox(keys, mode);
  const element = await mount({ relay: RELAY, mailbox: box, fingerprints: key.fingerprint, 'request-timeout': '500', ...PROVIDER, ...extra });
  return { element, box };
}

async function fillValid(element: VpContact): Promise<void> {
  await type(element, 'name', 'Sam');
  await type(element, 'phone', '+31 20 000 0001');
  await type(element, 'email', 'sam@voorbeeld.example');
  await type(element, 'message', `Het gaat om mijn team. ${SENTINEL}`);
  await check(element, 'termsAccepted');
}

describe('<vp-contact> rendering', () => {
  it('speaks Dutch by default, marks every field required or optional in words, and hides the light-DOM fallback', async () => {
    const { element } = await widget([key.publicKey], {}, 'ok');
    element.innerHTML = '<p id="fallback">Bel +31 20 000 0000</p>';
    await element.updateComplete;
    const all = text(element);
    assert(all.includes('Contact met een vertrouwenspersoon'), 'Dutch title');
    assert(all.includes('112'), 'the emergency number');
    assert(!/absoluut|altijd geheim/i.test(all), 'no promise of absolute confidentiality');
    equal($(element, '.panel').getAttribute('lang'), 'nl', 'lang of the panel');
    for (const label of element.shadowRoot!.querySelectorAll('label, legend')) {
      const words = label.textContent ?? '';
      const topic = label.getAttribute('for')?.startsWith('topic-') || label.getAttribute('for')?.startsWith('hrNotice-');
      assert(topic || /\((verplicht|niet verplicht|telefoon of e-mail verplicht)\)/.test(words), `"${words.trim()}" says whether it is required`);
    }
    assert(element.querySelector('#fallback')!.getBoundingClientRect().height === 0, 'fallback not shown after upgrade');
    await expectNoAxeViolations(element, 'empty form, nl');
  });

  it('speaks English with lang="en", and from the nearest [lang] ancestor', async () => {
    const { element } = await widget([key.publicKey], { lang: 'en' });
    assert(text(element).includes('Contact a confidential adviser'), 'English title');
    equal($(element, '.panel').getAttribute('lang'), 'en', 'lang of the panel');
    cleanup();
    const wrapper = document.createElement('div');
    wrapper.lang = 'en-GB';
    document.body.append(wrapper);
    const box = await mailbox([key.publicKey]);
    const inner = document.createElement('vp-contact');
    inner.setAttribute('relay', RELAY);
    inner.setAttribute('mailbox', box);
    inner.setAttribute('fingerprints', key.fingerprint);
    wrapper.append(inner);
    await inner.updateComplete;
    assert(text(inner).includes('Ask for contact'), 'English from the ancestor');
    await expectNoAxeViolations(inner, 'empty form, en');
    wrapper.remove();
  });

  it('shows the employer a clear message and no form when the configuration is wrong', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(' '));
    const events: string[] = [];
    document.addEventListener('vp-error', (e) => events.push(e.detail.code), { once: true });
    try {
      const element = await mount({ relay: 'ftp://relay.voorbeeld.example', mailbox: 'box' }, '<p id="fallback">Bel ons</p>');
      await new Promise((resolve) => setTimeout(resolve, 0));
      assert(!maybe(element, 'form'), 'no form');
      assert(text(element).includes('niet goed ingesteld'), 'message for the employee');
      assert(text(element).includes('fingerprints attribute is missing'), 'message for the web team');
      assert(errors.some((line) => line.includes('https://')), 'console explains the relay');
      assert(element.querySelector('#fallback')!.getBoundingClientRect().height > 0, 'the fallback shows');
      equal(events, ['config-invalid'], 'vp-error');
    } finally {
      console.error = original;
    }
  });

  it('turns spell check and autocorrect off in every text field, so no cloud spell checker gets what is typed', async () => {
    const { element } = await widget([key.publicKey]);
    const fields = [...element.shadowRoot!.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input:not([type="checkbox"]):not([type="radio"]), textarea')];
    equal(fields.map((field) => field.id), ['name', 'phone', 'email', 'preferredTimes', 'conversationLanguage', 'message'], 'the text fields');
    for (const field of fields) {
      equal(field.spellcheck, false, `#${field.id} is not spell-checked`);
      equal(field.getAttribute('spellcheck'), 'false', `#${field.id} spellcheck="false"`);
      equal(field.getAttribute('autocorrect'), 'off', `#${field.id} autocorrect="off"`);
    }
  });

  it('shows the configuration message, not a failed send, for a mailbox id the relay would refuse', async () => {
    const original = console.error;
    const logged: string[] = [];
    console.error = (...args: unknown[]) => logged.push(args.join(' '));
    try {
      const element = await mount({ relay: RELAY, mailbox: 'Voorbeeld', fingerprints: key.fingerprint, ...PROVIDER });
      assert(!maybe(element, 'form'), 'no form');
      assert(text(element).includes('niet goed ingesteld'), 'message for the employee');
      assert(text(element).includes('The mailbox "Voorbeeld" is not a mailbox id (lower-case letters, digits and dashes)'), 'message for the web team');
    } finally {
      console.error = original;
    }
  });

  it('tolerates being defined twice', async () => {
    await import(bundle('../src/vp-contact.js?again')).catch(() => undefined);
    const { VpContact } = await import('../src/vp-contact.js');
    equal(customElements.get('vp-contact') === VpContact, true, 'the first definition stays');
  });
});

describe('<vp-contact> validation', () => {
  it('explains every problem next to its field and in a summary that takes focus', async () => {
    const { element, box } = await widget([key.publicKey]);
    await submit(element);
    const summary = $(element, '.error-summary');
    equal(element.shadowRoot!.activeElement, summary, 'the summary has focus');
    const links = [...summary.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    equal(links, ['#phone', '#termsAccepted'], 'links to the fields');
    assert($(element, '#phone').getAttribute('aria-describedby')!.includes('reach-error'), 'phone described by the reach error');
    equal($(element, '#phone').getAttribute('aria-invalid'), 'true', 'phone invalid');
    assert($(element, '#termsAccepted').getAttribute('aria-describedby')!.includes('terms-error'), 'terms error tied');
    summary.querySelector('a')!.click();
    equal(element.shadowRoot!.activeElement?.id, 'phone', 'link focuses the field');
    await expectNoAxeViolations(element, 'errors shown');
    equal((await received(box)).length, 0, 'nothing sent');
  });

  it('checks phone, e-mail, lengths and control characters, each with its own message', async () => {
    const { element } = await widget([key.publicKey], { regions: 'Noord, Zuid' });
    const cases: [string, string, string, RegExp][] = [
      ['phone', 'bel me', 'phone', /telefoonnummer in, zoals/],
      ['email', 'sam@', 'email', /e-mailadres in, zoals/],
      ['name', 'x'.repeat(101), 'name', /niet meer dan 100 tekens/],
      ['preferredTimes', 'y'.repeat(201), 'preferredTimes', /niet meer dan 200 tekens/],
      ['conversationLanguage', 'Nederlands\u0007', 'conversationLanguage', /tekens in die niet kunnen/],
      ['message', 'z'.repeat(4001), 'message', /niet meer dan 4000 tekens/],
    ];
    await type(element, 'phone', '+31 20 000 0001');
    await check(element, 'termsAccepted');
    for (const [id, value, field, expected] of cases) {
      const before = id === 'phone' ? '+31 20 000 0001' : '';
      await type(element, id, value);
      await submit(element);
      const error = maybe(element, `#${field}-error`);
      assert(error && expected.test(error.textContent ?? ''), `${id}: ${expected}`);
      assert($(element, `#${id}`).getAttribute('aria-describedby')!.includes(`${field}-error`), `${id} described by its error`);
      await type(element, id, before);
    }
    // A choice that is not one of the configured ones (a tampered select) is refused too.
    const select = $<HTMLSelectElement>(element, '#region');
    const rogue = document.createElement('option');
    rogue.value = 'Elders';
    select.append(rogue);
    await type(element, 'region', 'Elders');
    await submit(element);
    assert(maybe(element, '#region-error'), 'unknown region refused');
  });

  it('accepts an e-mail address alone, and a message with line breaks', async () => {
    const { element, box } = await widget([key.publicKey]);
    await type(element, 'email', 'sam@voorbeeld.example');
    await type(element, 'message', 'Regel een\nRegel twee');
    await check(element, 'termsAccepted');
    await submit(element);
    await settled(element);
    assert(maybe(element, '.sent'), 'sent');
    equal((await received(box)).length, 1, 'one request posted');
  });
});

describe('<vp-contact> sending', () => {
  it('posts only ciphertext that decrypts with the provider key to exactly what was entered', async () => {
    const { element, box } = await widget([otherKey.publicKey, key.publicKey], { regions: 'Noord, Zuid', units: 'Kantoor' });
    const sent: VpSentEvent[] = [];
    element.addEventListener('vp-sent', (e) => sent.push(e));
    await fillValid(element);
    await type(element, 'preferredTimes', 'Na 17.00 uur');
    await check(element, 'voicemailAllowed');
    await check(element, 'textMessagesAllowed');
    await type(element, 'meeting', 'video');
    await type(element, 'region', 'Zuid');
    await type(element, 'unit', 'Kantoor');
    await check(element, 'topic-bullying');
    await check(element, 'topic-other');
    await check(element, 'urgent');
    await check(element, 'hrNotice-named');
    await submit(element);
    await settled(element);
    const posts = await received(box);
    equal(posts.length, 1, 'one post');
    const post = posts[0]!;
    equal(post.contentType, 'application/json', 'content type');
    assert(!post.cookie && !post.referer, 'no cookie, no referrer');
    assert(!post.body.includes(SENTINEL) && !post.body.includes('+31 20 000 0001') && !post.body.includes('Sam'), 'no plaintext in the body');
    const envelope = JSON.parse(post.body) as { version: number; ciphertext: string };
    equal(envelope.version, 1, 'envelope version');
    const request = await decryptRequest(envelope.ciphertext, [await readPrivateKey(key.privateKey)]);
    const reference = $(element, '.reference').textContent;
    equal(
      { ...request, submittedAt: 'x', termsVersion: request.termsVersion.slice(0, 7) },
      {
        version: 1,
        reference,
        submittedAt: 'x',
        language: 'nl',
        name: 'Sam',
        contact: { phone: '+31 20 000 0001', email: 'sam@voorbeeld.example', preferredTimes: 'Na 17.00 uur', voicemailAllowed: true, textMessagesAllowed: true },
        meeting: 'video',
        region: 'Zuid',
        unit: 'Kantoor',
        topics: ['bullying', 'other'],
        message: `Het gaat om mijn team. ${SENTINEL}`,
        urgent: true,
        hrNotice: 'named',
        termsVersion: 'sha256:',
      },
      'the decrypted request',
    );
    equal(sent.length, 1, 'one vp-sent');
    // No identifier at all: the page's analytics could join a reference or the relay's id to a person.
    equal(sent[0]!.detail as unknown, {}, 'vp-sent carries nothing');
    assert(!JSON.stringify(sent[0]).includes(reference) && !JSON.stringify(sent[0]).includes('req-1'), 'neither the reference nor the id');
    equal(sent[0]!.bubbles && sent[0]!.composed, true, 'bubbles out of the shadow root');
    equal(element.shadowRoot!.activeElement, $(element, '.sent'), 'focus on the confirmation');
    assert(text(element).includes('binnen 48 uur'), 'the promised response time');
    equal($(element, '[role="status"]').textContent, 'Je verzoek is verstuurd', 'announced');
    await expectNoAxeViolations(element, 'sent');
    $<HTMLButtonElement>(element, '.again').click();
    await element.updateComplete;
    equal($<HTMLTextAreaElement>(element, '#message').value, '', 'the form was cleared');
  });

  it('sends nothing when the relay offers only a key that is not pinned, and retrying works once it is fixed', async () => {
    const { element, box } = await widget([otherKey.publicKey]);
    const codes: string[] = [];
    element.addEventListener('vp-error', (e) => codes.push(e.detail.code));
    await fillValid(element);
    await submit(element);
    await settled(element);
    equal((await received(box)).length, 0, 'nothing posted');
    equal(codes, ['key-not-pinned'], 'vp-error code');
    assert(text(element).includes('Er is een technisch probleem met de beveiliging. Daarom is er niets verstuurd.'), 'says so in plain words');
    await setupMailbox(box, [key.publicKey]);
    await submit(element);
    await settled(element);
    equal((await received(box)).length, 1, 'posted after the retry');
    assert(maybe(element, '.sent'), 'sent after the retry');
  });

  it('without provider-phone and -email, offers the card\'s, and only from a relay whose key passed the pin', async () => {
    const fallback = '<p>Bel de vertrouwenspersoon.</p>';
    // The key passed the pin, the card verified, and the relay then failed: the card's phone and e-mail are offered.
    const box = await mailbox([key.publicKey], 'post-error-500');
    const trusted = await mount({ relay: RELAY, mailbox: box, fingerprints: key.fingerprint }, fallback);
    await fillValid(trusted);
    await submit(trusted);
    await settled(trusted);
    const offered = $(trusted, '.failure');
    assert(offered.querySelector('a[href="tel:+31200000000"]') && offered.querySelector('a[href="mailto:vp@voorbeeld.example"]'), 'the card\'s phone and e-mail');
    cleanup();
    // A relay serving a key that is not pinned: its contact details are not shown, the page's own text is.
    const wrong = await mount({ relay: RELAY, mailbox: await mailbox([otherKey.publicKey], 'post-error-500'), fingerprints: key.fingerprint }, fallback);
    await fillValid(wrong);
    await submit(wrong);
    await settled(wrong);
    const refused = $(wrong, '.failure');
    equal(refused.querySelector('a[href^="tel:"], a[href^="mailto:"]'), null, 'no contact details from that relay');
    assert(refused.querySelector('slot'), 'the page\'s own fallback text instead');
  });

  it('uses an inline public-key instead of the descriptor\'s keys, still checked against the pin; the cards come from the descriptor', async () => {
    // The relay serves another key, and a card signed by the pinned one: only the inline key counts.
    const box = await mailbox([otherKey.publicKey], 'ok', { cards: [{ privateKey: key.privateKey }] });
    const element = await mount({ relay: RELAY, mailbox: box, fingerprints: key.fingerprint, 'request-timeout': '5000', ...PROVIDER, 'public-key': otherKey.publicKey });
    await fillValid(element);
    await submit(element);
    await settled(element);
    equal((await received(box)).length, 0, 'unpinned inline key: nothing posted');
    element.publicKey = key.publicKey;
    await submit(element);
    await settled(element);
    equal((await received(box)).length, 1, 'pinned inline key with its card: posted');
  });

  it('with an inline public-key, still sends nothing without a card that verifies against it', async () => {
    const box = await mailbox([key.publicKey], 'ok', { cards: [{ privateKey: otherKey.privateKey }] });
    const element = await mount({ relay: RELAY, mailbox: box, fingerprints: key.fingerprint, 'request-timeout': '5000', ...PROVIDER, 'public-key': key.publicKey });
    await fillValid(element);
    await submit(element);
    await settled(element);
    equal((await received(box)).length, 0, 'nothing posted');
    assert(maybe(element, '.failure'), 'the failure panel');
  });

  const failures: { name: string; code: string; words: RegExp; setup: () => Promise<{ element: VpContact; box: string; restore?: () => void }> }[] = [
    { name: 'an expired key', code: 'key-expired', words: /technisch probleem met de beveiliging/, setup: async () => {
      const expired = await makeKey({ expired: true });
      const box = await mailbox([expired.publicKey]);
      const element = await mount({ relay: RELAY, mailbox: box, fingerprints: expired.fingerprint, ...PROVIDER });
      return { element, box };
    } },
    { name: 'a revoked key', code: 'key-revoked', words: /technisch probleem met de beveiliging/, setup: async () => {
      const revoked = await makeKey({ revoked: true });
      const box = await mailbox([revoked.publicKey]);
      const element = await mount({ relay: RELAY, mailbox: box, fingerprints: revoked.fingerprint, ...PROVIDER });
      return { element, box };
    } },
    { name: 'a key that cannot encrypt', code: 'key-unusable', words: /technisch probleem met de beveiliging/, setup: async () => {
      const signOnly = await makeKey({ signOnly: true });
      const box = await mailbox([signOnly.publicKey]);
      const element = await mount({ relay: RELAY, mailbox: box, fingerprints: signOnly.fingerprint, ...PROVIDER });
      return { element, box };
    } },
    { name: 'a relay that is down', code: 'relay-unreachable', words: /niet bereikbaar/, setup: async () => {
      const element = await mount({ relay: 'http://127.0.0.1:9', mailbox: 'box', fingerprints: key.fingerprint, ...PROVIDER });
      return { element, box: 'none' };
    } },
    { name: 'a slow relay', code: 'relay-timeout', words: /te langzaam/, setup: () => widget([key.publicKey], { 'request-timeout': '300' }, 'slow') },
    { name: 'a 4xx', code: 'relay-rejected', words: /geweigerd/, setup: () => widget([key.publicKey], {}, 'error-400') },
    { name: 'a mailbox the relay does not know (404 unknown-mailbox)', code: 'relay-rejected', words: /geweigerd/, setup: async () => {
      const element = await mount({ relay: RELAY, mailbox: 'not-set-up', fingerprints: key.fingerprint, ...PROVIDER });
      return { element, box: 'none' };
    } },
    { name: 'a 5xx', code: 'relay-failed', words: /storing/, setup: () => widget([key.publicKey], {}, 'error-500') },
    { name: 'a descriptor that breaks the contract', code: 'relay-failed', words: /storing/, setup: () => widget([key.publicKey], {}, 'bad-descriptor') },
    { name: 'a 202 whose receipt breaks the contract', code: 'relay-failed', words: /storing/, setup: () => widget([key.publicKey], {}, 'bad-receipt') },
    { name: 'being offline', code: 'offline', words: /niet verbonden/, setup: async () => {
      const made = await widget([key.publicKey]);
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
      return { ...made, restore: () => delete (navigator as unknown as { onLine?: boolean }).onLine };
    } },
  ];
  for (const failure of failures) {
    it(`fails closed on ${failure.name}: keeps the text, offers phone and e-mail, and can try again`, async () => {
      const { element, box, restore } = await failure.setup();
      const codes: string[] = [];
      element.addEventListener('vp-error', (e) => codes.push(e.detail.code));
      try {
        await fillValid(element);
        await submit(element);
        await settled(element);
      } finally {
        restore?.();
      }
      equal(codes, [failure.code], 'vp-error code');
      const panel = $(element, '.failure');
      equal(element.shadowRoot!.activeElement, panel, 'focus on the failure message');
      assert(failure.words.test(panel.textContent ?? ''), `says what happened (${failure.words})`);
      assert(panel.querySelector('a[href="tel:+31200000000"]') && panel.querySelector('a[href="mailto:vp@voorbeeld.example"]'), 'offers phone and e-mail');
      equal($<HTMLTextAreaElement>(element, '#message').value, `Het gaat om mijn team. ${SENTINEL}`, 'the text stays');
      for (const post of box === 'none' ? [] : await received(box)) {
        assert(!post.body.includes(SENTINEL), 'no plaintext ever reached the relay');
      }
      if (failure.code === 'relay-failed') {
        await expectNoAxeViolations(element, 'failed');
        // The relay recovers: trying again sends.
        await setupMailbox(box, [key.publicKey]);
        assert(/Opnieuw proberen/.test($(element, 'button.send').textContent ?? ''), 'the button offers to try again');
        await submit(element);
        await settled(element);
        assert(maybe(element, '.sent'), 'sent on retry');
      }
    });
  }
});

describe('<vp-contact> hide, theming and keyboard', () => {
  it('hide clears the form and collapses at once', async () => {
    const { element } = await widget([key.publicKey]);
    await fillValid(element);
    $<HTMLButtonElement>(element, '.hide-button').click();
    await element.updateComplete;
    assert(!maybe(element, 'form'), 'no form');
    assert(!text(element).includes(SENTINEL), 'nothing of the text left');
    await new Promise((resolve) => setTimeout(resolve, 0));
    equal(element.shadowRoot!.activeElement, $(element, '.show-button'), 'focus on the show button');
    await expectNoAxeViolations(element, 'collapsed');
    $<HTMLButtonElement>(element, '.show-button').click();
    await element.updateComplete;
    equal($<HTMLTextAreaElement>(element, '#message').value, '', 'empty after showing again');
    equal($<HTMLInputElement>(element, '#termsAccepted').checked, false, 'terms unticked');
  });

  it('hide while the key is still being fetched cancels the send: nothing is posted, nothing shown', async () => {
    const { element, box } = await widget([key.publicKey], { 'request-timeout': '20000' }, 'hold-get');
    const events: string[] = [];
    element.addEventListener('vp-sent', () => events.push('vp-sent'));
    element.addEventListener('vp-error', (e) => events.push(e.detail.code));
    await fillValid(element);
    await submit(element);
    $<HTMLButtonElement>(element, '.hide-button').click();
    await element.updateComplete;
    await release(box);
    await sendEnded(element);
    equal((await received(box)).length, 0, 'nothing posted');
    equal(events, [], 'no event: the employee stopped it');
    $<HTMLButtonElement>(element, '.show-button').click();
    await element.updateComplete;
    assert(!maybe(element, '.sent') && !maybe(element, '.failure'), 'an empty form, no result');
    equal($<HTMLTextAreaElement>(element, '#message').value, '', 'the text is gone');
    equal($<HTMLButtonElement>(element, 'button.send').disabled, false, 'a new request can be sent');
    // A second request goes through, and is the only one the relay ever received.
    await fillValid(element);
    await submit(element);
    await release(box);
    await settled(element);
    assert(maybe(element, '.sent'), 'the second request was sent');
    equal((await received(box)).length, 1, 'only the second request was posted');
    equal(events, ['vp-sent'], 'one vp-sent, for the second');
  });

  it('hide after the POST left lets it finish, and shows the reference when the widget is opened again', async () => {
    const { element, box } = await widget([key.publicKey], { 'request-timeout': '20000' }, 'hold-post');
    const sent: VpSentEvent[] = [];
    element.addEventListener('vp-sent', (e) => sent.push(e));
    await fillValid(element);
    await submit(element);
    await until(async () => (await received(box)).length === 1, 'the POST reached the stub relay');
    $<HTMLButtonElement>(element, '.hide-button').click();
    await element.updateComplete;
    assert(!text(element).includes(SENTINEL), 'nothing of the text on the screen');
    await release(box);
    await sendEnded(element);
    equal(sent.length, 1, 'vp-sent once the relay accepted it');
    assert(maybe(element, '.show-button'), 'still folded away: nothing pops up by itself');
    $<HTMLButtonElement>(element, '.show-button').click();
    await element.updateComplete;
    assert(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/.test($(element, '.reference').textContent ?? ''), 'the reference is shown');
    const posts = await received(box);
    equal(posts.length, 1, 'one post');
    assert(!posts[0]!.body.includes(SENTINEL), 'only ciphertext');
  });

  it('hide after the POST left, and the relay then fails: the failure shows on opening, and says the text was cleared', async () => {
    const { element, box } = await widget([key.publicKey], { 'request-timeout': '20000' }, 'hold-post-500');
    const codes: string[] = [];
    element.addEventListener('vp-error', (e) => codes.push(e.detail.code));
    await fillValid(element);
    await submit(element);
    await until(async () => (await received(box)).length === 1, 'the POST reached the stub relay');
    $<HTMLButtonElement>(element, '.hide-button').click();
    await element.updateComplete;
    await release(box);
    await sendEnded(element);
    equal(codes, ['relay-failed'], 'vp-error');
    $<HTMLButtonElement>(element, '.show-button').click();
    await element.updateComplete;
    const panel = $(element, '.failure');
    assert(/gewist/.test(panel.textContent ?? '') && !/staat nog in het formulier/.test(panel.textContent ?? ''), 'says the text was cleared, not kept');
    equal($<HTMLTextAreaElement>(element, '#message').value, '', 'the text is gone, as hide promised');
    assert(panel.querySelector('a[href="tel:+31200000000"]'), 'offers the phone number');
    await expectNoAxeViolations(element, 'failed after hide');
  });

  it('takes its colours from --vp-contact-*, then NL Design System tokens, and exposes parts', async () => {
    const style = document.createElement('style');
    style.textContent = `
      .themed { --utrecht-button-primary-action-background-color: rgb(10, 20, 30); }
      .custom { --vp-contact-accent: rgb(200, 0, 100); }
      vp-contact::part(hide-button) { text-transform: uppercase; }
      vp-contact::part(button) { transition: none; }
    `;
    document.head.append(style);
    try {
      const { element } = await widget([key.publicKey]);
      element.className = 'themed';
      equal(getComputedStyle($(element, 'button.send')).backgroundColor, 'rgb(10, 20, 30)', 'NL Design System token');
      element.className = 'themed custom';
      equal(getComputedStyle($(element, 'button.send')).backgroundColor, 'rgb(200, 0, 100)', '--vp-contact-accent wins');
      element.className = '';
      equal(getComputedStyle($(element, 'button.send')).backgroundColor, 'rgb(28, 74, 140)', 'sober default');
      equal(getComputedStyle($(element, '.hide-button')).textTransform, 'uppercase', '::part(hide-button)');
    } finally {
      style.remove();
    }
  });

  it('can be filled in and sent with the keyboard alone', async () => {
    const { element, box } = await widget([key.publicKey]);
    const active = () => element.shadowRoot!.activeElement as HTMLElement | null;
    const tabTo = async (id: string) => {
      for (let i = 0; i < 60 && active()?.id !== id; i += 1) await sendKeys({ press: 'Tab' });
      equal(active()?.id, id, `Tab reaches #${id}`);
    };
    const start = document.createElement('button');
    start.textContent = 'before';
    element.before(start);
    start.focus();
    await tabTo('phone');
    await sendKeys({ type: '+31 20 000 0001' });
    await tabTo('message');
    await sendKeys({ type: SENTINEL });
    await tabTo('termsAccepted');
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    equal(active()?.className, 'send', 'Tab reaches the send button');
    await sendKeys({ press: 'Enter' });
    await settled(element);
    start.remove();
    equal((await received(box)).length, 1, 'sent');
    equal(active(), $(element, '.sent'), 'focus on the confirmation');
  });
});
