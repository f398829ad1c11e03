// The standalone bundle with its English chunk and openpgp's shared sha512 part changed (see
// web-test-runner.config.mjs): neither runs. The English texts fall back to Dutch; a key that needs
// the changed part fails closed and nothing is sent.
import * as openpgp from 'openpgp';
import { assert, equal, fillAndSend, makeKey, setup, text, bundle } from './standalone-helpers.js';

const tamperedRan = () => (globalThis as { vpTamperedRan?: string }).vpTamperedRan;

describe('the standalone bundle with a tampered English chunk and openpgp part', () => {
  before(async () => {
    await import(bundle('/__tampered-parts/vp-contact.js'));
  });
  afterEach(() => {
    for (const element of document.querySelectorAll('vp-contact')) element.remove();
  });

  it('refuses the English chunk and speaks Dutch', async () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const { element } = await setup([], 'a'.repeat(40), { lang: 'en' });
      assert(text(element).includes('Vraag contact aan'), 'the Dutch form');
      equal(element.shadowRoot!.querySelector('.panel')?.getAttribute('lang'), 'nl', 'lang of the panel');
      assert(warnings.some((line) => line.includes('English texts could not be loaded')), 'a warning in the console');
      equal(tamperedRan(), undefined, 'the tampered chunk never ran');
    } finally {
      console.warn = original;
    }
  });

  it('refuses a changed openpgp part, sends nothing and says so', async () => {
    // With a valid card: only the missing (or changed) part keeps it from being sent.
    const { publicKey, privateKey } = await makeKey('brainpoolP256r1');
    const fingerprint = (await openpgp.readKey({ armoredKey: publicKey })).getFingerprint();
    const codes: string[] = [];
    document.addEventListener('vp-error', (e) => codes.push((e as unknown as { detail: { code: string } }).detail.code));
    const { element, box } = await setup([publicKey], fingerprint, {}, privateKey);
    const posts = await fillAndSend(element, box);
    equal(posts.length, 0, 'nothing posted');
    equal(codes.length, 1, 'one vp-error');
    assert(element.shadowRoot!.querySelector('.failure'), 'the failure is shown');
    equal(tamperedRan(), undefined, 'the tampered part never ran');
  });
});
