/**
 * A dynamic import() is not covered by the integrity attribute of the page's script tag. So the
 * standalone bundle first preloads each lazy chunk with <link rel="modulepreload"
 * integrity="sha384-…"> (the hash baked in at build time). If the chunk was tampered with, the
 * preload fails, the browser records the failure in its module map, and the import fails too:
 * closed, never running unverified code.
 *
 * A browser without modulepreload (Safari before 17) fires neither load nor error on such a link,
 * so every preload also has a deadline, and where modulepreload is known to be missing the import
 * fails at once: closed again, and the widget offers the provider's phone and e-mail instead.
 */
const pending = new Map<string, Promise<unknown>>();
let attempt = 0;

/**
 * How long one preload may take before the import counts as failed. The element waits no longer
 * than its request-timeout on top of this; this deadline frees the chunk for a fresh try.
 */
const PRELOAD_TIMEOUT_MS = 20_000;

/** A chunk a lazy chunk imports statically: its URL and SRI hash. */
export type Dependency = readonly [url: string, integrity: string];

function preload(url: string, integrity: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const link = document.createElement('link');
    if (!link.relList.supports('modulepreload')) {
      reject(new Error('No modulepreload: no integrity check.'));
      return;
    }
    // After load or error this rejects a settled promise, which does nothing.
    setTimeout(reject, PRELOAD_TIMEOUT_MS, new Error(`${url} timed out.`));
    link.rel = 'modulepreload';
    link.href = url;
    link.integrity = integrity;
    link.crossOrigin = 'anonymous';
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener('error', () => reject(new Error(`The module ${url} failed its integrity check or could not be loaded.`)), {
      once: true,
    });
    document.head.append(link);
  });
}

/**
 * Imports `chunkUrl` once its SRI hash checks out. A chunk with static imports of its own names
 * them in `dependencies`: each is preloaded with its hash before the chunk, so the browser's module
 * map already holds the verified copy when the chunk's import statement asks for it.
 */
export function importVerified<T>(chunkUrl: string, integrity: string, dependencies: readonly Dependency[] = []): Promise<T> {
  let promise = pending.get(chunkUrl);
  if (!promise) {
    // The browser remembers a failed module URL for the life of the page; a retry after a
    // network failure needs a fresh URL (the integrity check applies to it just the same).
    const url = attempt === 0 ? chunkUrl : `${chunkUrl}?attempt=${attempt}`;
    attempt += 1;
    promise = Promise.all(dependencies.map(([depUrl, depIntegrity]) => preload(depUrl, depIntegrity)))
      .then(() => preload(url, integrity))
      .then(() => import(/* @vite-ignore */ url));
    // A failure may be a passing network problem: a later try starts afresh (and the browser
    // still refuses a chunk whose hash does not match).
    promise.catch(() => pending.delete(chunkUrl));
    pending.set(chunkUrl, promise);
  }
  return promise as Promise<T>;
}
