// The built standalone bundle (npm run build first) served from /__held/, where the test server
// never answers for the crypto chunk or the English chunk (until the end of this file): what a
// browser without modulepreload (Safari before 17, which fires no load or error event) or a stalled
// server looks like. Every wait of a send has a deadline: the send ends in the failure panel with
// the text kept, and nothing is posted.
import * as openpgp from 'openpgp';
import { assert, equal, fillAndSend, makeKey, setup, text, bundle } from './standalone-helpers.js';

describe('the standalone bundle, when a chunk never arrives', () => {
  before(async () => {
    await import(bundle('/__held/vp-contact.js'));
  });
  afterEach(() => {
    for (const element of document.querySelectorAll('vp-contact')) element.remove();
  });
  after(async () => {
    await fetch('/__held/release', { method: 'POST' });
  });

  it('ends a send in the failure panel, keeps the text and posts nothing', async () => {
    // With a valid card: only the missing (or changed) part keeps it from being sent.
    const { publicKey, privateKey } = await makeKey();
    const fingerprint = (await openpgp.readKey({ armoredKey: publicKey })).getFingerprint();
    const { element, box } = await setup([publicKey], fingerprint, { 'request-timeout': '500' }, privateKey);
    const codes: string[] = [];
    element.addEventListener('vp-error', (event) => codes.push((event as CustomEvent<{ code: string }>).detail.code));
    const posts = await fillAndSend(element, box);
    const panel = element.shadowRoot!.querySelector('.failure');
    assert(panel, 'the failure panel');
    assert(/versleutelen kon niet starten/.test(panel.textContent ?? ''), 'says the encryption could not start');
    assert(panel.querySelector('a[href="tel:+31200000000"]'), 'offers the phone number');
    equal(element.shadowRoot!.querySelector<HTMLTextAreaElement>('#message')!.value, 'SENTINEL-991', 'the text stays');
    equal(codes, ['crypto-unavailable'], 'vp-error');
    equal(posts.length, 0, 'nothing posted');
  });

  it('speaks Dutch when the English texts never arrive', async () => {
    const { element } = await setup([], 'a'.repeat(40), { lang: 'en', 'request-timeout': '500' });
    assert(text(element).includes('Vraag contact aan'), 'the Dutch form');
    equal(element.shadowRoot!.querySelector('.panel')?.getAttribute('lang'), 'nl', 'lang of the panel');
  });
});
