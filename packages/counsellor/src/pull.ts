/**
 * pull: moves every waiting request from the relay into the inbox. Per page: store durably
 * (Inbox.store: temporary file, fsync, rename, fsync the folder), and only then acknowledge at the
 * relay. Interrupted anywhere and run again, nothing is lost (an unacknowledged request is
 * still at the relay) and nothing is stored twice (a file for that id is already there).
 */
import type * as openpgp from 'openpgp';
import { readInboxRequest } from './decrypt.js';
import type { Inbox, InboxEntry } from './inbox.js';
import { inPool } from './pool.js';
import type { RelayClient } from './relay-client.js';

export interface PullProgress {
  /** Requests received from the relay so far in this pull. */
  readonly received: number;
  /** Of those, written to the inbox now (the rest were already there). */
  readonly stored: number;
  /** Acknowledged at the relay so far. */
  readonly acknowledged: number;
}

export interface PullOptions {
  readonly client: RelayClient;
  readonly inbox: Inbox;
  /** Requests per page; default 100. */
  readonly pageSize?: number;
  /**
   * When given, every newly stored request is test-decrypted with these keys; one that fails is
   * kept in the inbox and reported in `undecryptable`, never dropped.
   */
  readonly privateKeys?: readonly openpgp.PrivateKey[];
  /** Called after each stored page and after each acknowledgement. */
  readonly onProgress?: (progress: PullProgress) => void;
}

export interface PullResult extends PullProgress {
  /** Entries written in this pull, oldest first. */
  readonly entries: readonly InboxEntry[];
  /** Stored requests that could not be decrypted with the given keys, and why. */
  readonly undecryptable: readonly { readonly entry: InboxEntry; readonly error: Error & { code?: string } }[];
}

// The relay commits concurrent acknowledgements together, so several in flight share its fsync.
const ACK_CONCURRENCY = 16;

export async function pull(options: PullOptions): Promise<PullResult> {
  const { client, inbox } = options;
  await inbox.removeLeftovers();
  let received = 0;
  let stored = 0;
  let acknowledged = 0;
  const entries: InboxEntry[] = [];
  const undecryptable: { entry: InboxEntry; error: Error & { code?: string } }[] = [];
  const report = () => options.onProgress?.({ received, stored, acknowledged });

  for await (const page of client.waitingRequests(options.pageSize ?? 100)) {
    received += page.items.length;
    const results = await inbox.store(page.items);
    const fresh = results.filter((r) => r.written).map((r) => r.entry);
    stored += fresh.length;
    entries.push(...fresh);
    report();
    // Every item of the page is on disk now (written or already there): acknowledge them all.
    const ids = [...new Set(page.items.map((item) => item.id))];
    await inPool(ids, ACK_CONCURRENCY, async (id) => {
      await client.acknowledge(id);
      acknowledged++;
      report();
    });
    if (options.privateKeys) {
      for (const entry of fresh) {
        const result = await readInboxRequest(inbox, entry, options.privateKeys);
        if (!result.ok) undecryptable.push({ entry, error: result.error });
      }
    }
  }
  return { received, stored, acknowledged, entries, undecryptable };
}
