// The built standalone bundle (npm run build first), as an intranet loads it: its crypto chunk
// loads after the SRI check, encrypts and sends.
import { assert, makeKey, sendToKey, bundle } from './standalone-helpers.js';

describe('the standalone bundle', () => {
  it('loads its SRI-checked crypto chunk and sends only ciphertext', async () => {
    await import(bundle('../../dist/standalone/vp-contact.js'));
    await sendToKey(await makeKey());
    const preload = document.querySelector<HTMLLinkElement>('link[rel="modulepreload"]');
    assert(preload && /^sha384-/.test(preload.integrity), 'the chunk was preloaded with its integrity');
  });
});
