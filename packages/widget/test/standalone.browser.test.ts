// The built standalone bundle (npm run build first), as an intranet loads it: its crypto chunk
// loads after the SRI check, encrypts and sends.
import * as openpgp from 'openpgp';
import { assert, sendToKey } from './standalone-helpers.js';

describe('the standalone bundle', () => {
  it('loads its SRI-checked crypto chunk and sends only ciphertext', async () => {
    await import('../../dist/standalone/vp-contact.js' as string);
    const { publicKey } = await openpgp.generateKey({ type: 'ecc', userIDs: [{ email: 'vp@voorbeeld.example' }], format: 'armored' });
    await sendToKey(publicKey);
    const preload = document.querySelector<HTMLLinkElement>('link[rel="modulepreload"]');
    assert(preload && /^sha384-/.test(preload.integrity), 'the chunk was preloaded with its integrity');
  });
});
