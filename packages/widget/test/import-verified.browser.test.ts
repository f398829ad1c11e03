import { importVerified } from '../src/import-verified.js';
import { assert, equal } from './helpers.js';

async function sri(url: string): Promise<string> {
  const bytes = await (await fetch(url)).arrayBuffer();
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-384', bytes));
  return `sha384-${btoa(String.fromCharCode(...digest))}`;
}

describe('importVerified', () => {
  it('imports a chunk whose SRI hash matches', async () => {
    const url = new URL('../../test/fixtures/chunk-a.js', import.meta.url).href;
    const module = await importVerified<{ answer: number }>(url, await sri(url));
    equal(module.answer, 42, 'the module ran');
  });

  it('refuses a chunk whose hash does not match, and never runs it', async () => {
    const url = new URL('../../test/fixtures/chunk-b.js', import.meta.url).href;
    const wrong = (await sri(new URL('../../test/fixtures/chunk-a.js', import.meta.url).href));
    let error: unknown;
    try {
      await importVerified(url, wrong);
    } catch (e) {
      error = e;
    }
    assert(error instanceof Error, 'the import failed');
    equal((window as unknown as { chunkBRan?: boolean }).chunkBRan, undefined, 'the tampered chunk never ran');
  });

  it('fails at once, and runs nothing, in a browser without modulepreload (which would never fire load or error)', async () => {
    // Safari before 17: relList.supports('modulepreload') is false, and such a link is ignored.
    // eslint-disable-next-line @typescript-eslint/unbound-method -- kept only to be called with .call(this) below and put back
    const supports = DOMTokenList.prototype.supports;
    DOMTokenList.prototype.supports = function (token: string) {
      return token === 'modulepreload' ? false : supports.call(this, token);
    };
    let error: unknown;
    try {
      const url = new URL('../../test/fixtures/chunk-b.js?no-modulepreload', import.meta.url).href;
      await importVerified(url, await sri(url)).catch((e: unknown) => {
        error = e;
      });
    } finally {
      DOMTokenList.prototype.supports = supports;
    }
    assert(error instanceof Error && /modulepreload/.test(error.message), 'the import failed, naming the reason');
    equal((window as unknown as { chunkBRan?: boolean }).chunkBRan, undefined, 'the chunk never ran');
  });
});
