// The built standalone bundle's other lazy chunks (npm run build first): the English texts, and
// the optional parts openpgp loads only for some keys. Each is fetched only when needed, and only
// after its SRI check.
import { assert, equal, makeKey, preloads, sendToKey, setup, text, bundle } from './standalone-helpers.js';

const loaded = (prefix: string) =>
  performance.getEntriesByType('resource').some((entry) => new URL(entry.name).pathname.split('/').pop()!.startsWith(prefix));

describe('the standalone bundle, lazily', () => {
  before(async () => {
    await import(bundle('../../dist/standalone/vp-contact.js'));
  });
  afterEach(() => {
    for (const element of document.querySelectorAll('vp-contact')) element.remove();
  });

  it('speaks Dutch without fetching the English texts', async () => {
    const { element } = await setup([], 'a'.repeat(40));
    assert(text(element).includes('Vraag contact aan'), 'Dutch form');
    assert(!loaded('vp-contact-en-'), 'no English chunk fetched');
  });

  it('speaks English after loading its SRI-checked English chunk', async () => {
    const { element } = await setup([], 'a'.repeat(40), { lang: 'en' });
    assert(text(element).includes('Ask for contact'), 'English form');
    equal(element.shadowRoot!.querySelector('.panel')?.getAttribute('lang'), 'en', 'lang of the panel');
    const [link] = preloads('vp-contact-en-');
    assert(link && /^sha384-/.test(link.integrity), 'the English chunk was preloaded with its integrity');
  });

  it('loads the openpgp parts a key needs, and the chunk they import, each SRI-checked', async () => {
    // WebCrypto has no brainpool curves, so openpgp needs its noble-curves part (which imports
    // the shared sha512 chunk) to check this key and encrypt to it.
    await sendToKey(await makeKey('brainpoolP256r1'));
    for (const prefix of ['vp-contact-crypto-noble_curves-', 'vp-contact-crypto-sha512-']) {
      const [link] = preloads(prefix);
      assert(link && /^sha384-/.test(link.integrity), `${prefix}… was preloaded with its integrity`);
    }
    assert(!loaded('vp-contact-crypto-legacy_ciphers-'), 'parts this key does not need stay unloaded');
  });
});
