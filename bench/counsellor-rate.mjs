// The counsellor's side: 2,000 requests waiting at a relay (vp-relay with SQLite, its own process),
// then the counsellor library does what `vp-counsellor pull` and `vp-counsellor list` do: pull
// (store each durably in the inbox, then acknowledge it at the relay) and decrypt every one.
// Requests pulled and decrypted per second, with the two steps' shares.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MAILBOX, INTRANET_ORIGIN, removeDir, startRelay, tempDir, writeRelayConfig } from './fixtures.mjs';
import { round } from './stats.mjs';

async function submitAll(url, bodies, count, concurrency = 16) {
  let next = 0;
  let accepted = 0;
  const problems = new Map();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const body = bodies[next++ % bodies.length];
        const response = await fetch(`${url}/v1/mailboxes/${MAILBOX}/requests`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: INTRANET_ORIGIN },
          body,
        });
        await response.arrayBuffer();
        if (response.status === 202) accepted += 1;
        else problems.set(response.status, (problems.get(response.status) ?? 0) + 1);
      }
    }),
  );
  if (accepted !== count) {
    throw new Error(`Only ${accepted} of ${count} requests were accepted by the relay (${[...problems].map(([s, n]) => `${n}× ${s}`).join(', ')}).`);
  }
}

/**
 * `bodies`: envelopes encrypted to the key in `keyDir` (made with generateProviderKey, as
 * `vp-counsellor keygen` does), sent in turn until `count` wait at the relay.
 */
export async function measureCounsellorRate({ publicKey, privateKey, passphrase, bodies, count = 2000, log = () => {} }) {
  const counsellor = await import('@vp-contact/counsellor');
  const dir = await tempDir('counsellor');
  try {
    const { configFile, url, token } = await writeRelayConfig({ dir, database: `sqlite:${join(dir, 'relay.db')}`, publicKey });
    const relay = await startRelay({ configFile, url, logFile: join(dir, 'relay.log') });
    try {
      await submitAll(relay.url, bodies, count);
      log(`  ${count} requests waiting at the relay`);
      const key = await counsellor.unlockPrivateKey(privateKey, passphrase);
      const client = new counsellor.RelayClient({ relay: relay.url, mailbox: MAILBOX, token });
      const inbox = await counsellor.Inbox.open(join(dir, 'inbox'), { create: true });

      const start = performance.now();
      const pulled = await counsellor.pull({ client, inbox });
      const afterPull = performance.now();
      const read = await counsellor.readInbox(inbox, [key]);
      const end = performance.now();

      const decrypted = read.filter((item) => item.ok).length;
      if (pulled.stored !== count || decrypted !== count) {
        const failure = read.find((item) => !item.ok);
        throw new Error(`Pulled ${pulled.stored} and decrypted ${decrypted} of ${count} requests${failure ? ` (${failure.error.message})` : ''}.`);
      }
      const seconds = (end - start) / 1000;
      const result = {
        requests: count,
        seconds: round(seconds, 2),
        perSecond: round(count / seconds),
        pull: { seconds: round((afterPull - start) / 1000, 2), perSecond: round(count / ((afterPull - start) / 1000)) },
        decrypt: { seconds: round((end - afterPull) / 1000, 2), perSecond: round(count / ((end - afterPull) / 1000)) },
      };
      log(`  pull + decrypt: ${result.perSecond} requests/s (pull ${result.pull.perSecond}/s, decrypt ${result.decrypt.perSecond}/s)`);
      return result;
    } finally {
      await relay.stop();
    }
  } finally {
    await removeDir(dir);
  }
}
