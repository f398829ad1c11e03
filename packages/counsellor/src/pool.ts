/**
 * The one worker pool of the library: `limit` items in flight at once, results in input order.
 * Storing, acknowledging and decrypting each wait on the disk, the relay or the crypto thread
 * pool between short bursts of JavaScript, so a few in flight keep all of them busy.
 *
 * After a failure no new item is started, and the pool waits for the ones in flight before it
 * rejects with the first error: a caller that cleans up afterwards finds nothing still running.
 */
export async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (failure === undefined && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index]!, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  });
  await Promise.all(workers);
  if (failure) throw failure.error;
  return results;
}
