/**
 * Bounds a wait. Some waits never end on their own: a browser without modulepreload fires no event
 * for the preload of a chunk, and a server can hold a response open. A send must then end in the
 * failure panel (the text kept), never hang.
 */
export function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  // The timer may outlive the promise: it then rejects a race that is already decided, which does nothing.
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(reject, ms, new Error(`Timed out after ${ms} ms.`)))]);
}

