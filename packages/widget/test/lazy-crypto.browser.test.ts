import { assert, makeKeyless, mount } from './lazy-helpers.js';

describe('the crypto loads lazily', () => {
  it('loads no OpenPGP on page load, only once the employee starts on the form', async () => {
    const element = await mount();
    const loaded = () => performance.getEntriesByType('resource').some((entry) => /openpgp|\/send\.js/.test(entry.name));
    assert(!loaded(), 'no OpenPGP after rendering');
    element.shadowRoot!.querySelector<HTMLInputElement>('#name')!.focus();
    for (let i = 0; i < 200 && !loaded(); i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
    assert(loaded(), 'OpenPGP loads after the first focus in the form');
    makeKeyless();
  });
});
