// The standalone bundle with a tampered crypto chunk: the SRI check fails closed and nothing is sent.
import { assert, equal, fillAndSend, setup, bundle } from './standalone-helpers.js';

describe('the standalone bundle with a tampered crypto chunk', () => {
  it('refuses to run the chunk, sends nothing and says so', async () => {
    await import(bundle('/__tampered/vp-contact.js'));
    const codes: string[] = [];
    document.addEventListener('vp-error', (e) => codes.push((e as unknown as { detail: { code: string } }).detail.code));
    // The key never gets used: the crypto chunk is refused before anything is encrypted.
    const { element, box } = await setup([], 'a'.repeat(40));
    const posts = await fillAndSend(element, box);
    equal(posts.length, 0, 'nothing posted');
    equal(codes, ['crypto-unavailable'], 'vp-error');
    const failure = element.shadowRoot!.querySelector('.failure');
    assert(failure, 'the failure is shown');
    assert(/niet verstuurd/.test(failure.textContent ?? ''), 'says nothing was sent');
    assert(failure.querySelector('a[href="tel:+31200000000"]'), 'offers the phone number');
    equal(element.shadowRoot!.querySelector<HTMLTextAreaElement>('#message')!.value, 'SENTINEL-991', 'the text stays');
  });
});
