import { assert, makeKeyless, mount } from './lazy-helpers.js';

describe('the crypto loads lazily', () => {
  it('loads no OpenPGP while rendering, then for every visitor once the page is idle, without any interaction', async () => {
    // Not on the first focus: the intranet's access log would then show who started to fill in the form.
    const loaded = () => performance.getEntriesByType('resource').some((entry) => /openpgp|\/send\.js/.test(entry.name));
    const element = await mount();
    assert(!loaded(), 'no OpenPGP after rendering');
    for (let i = 0; i < 400 && !loaded(); i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
    assert(loaded(), 'OpenPGP loads with no focus, click or key press');
    assert(!element.shadowRoot!.activeElement && document.activeElement !== element, 'nothing was focused');
    makeKeyless();
  });
});
