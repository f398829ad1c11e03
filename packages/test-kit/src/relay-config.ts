// A vp-relay config with one mailbox, as a provider writes it (packages/relay/README.md), for a
// relay started with startRelay.
import { writeFileSync } from 'node:fs';
import { MAILBOX } from './cards.js';

export interface RelayConfigOptions {
  port: number;
  /** sqlite:PATH or a postgres:// URL. */
  database: string;
  /** Armored keys or file paths (relative to the config file). */
  publicKeys: string[];
  /** Card file paths (relative to the config file). */
  cards?: string[];
  allowedOrigins: string[];
  counsellorTokenHashes: string[];
  mailbox?: string;
  displayName?: string;
  /** The per-client submission limit: tests and benchmarks post from one address. */
  postsPerMinute?: number;
  retentionDays?: number;
}

/** The config object for one mailbox on 127.0.0.1:`port`. */
export function relayConfig(options: RelayConfigOptions): Record<string, unknown> {
  return {
    listen: { host: '127.0.0.1', port: options.port },
    database: options.database,
    ...(options.postsPerMinute === undefined ? {} : { limits: { postsPerMinute: options.postsPerMinute } }),
    mailboxes: [
      {
        id: options.mailbox ?? MAILBOX,
        displayName: options.displayName ?? 'Vertrouwenspersonen Voorbeeld',
        contact: { phone: '+31 20 000 0000', email: 'vp@voorbeeld.example' },
        publicKeys: options.publicKeys,
        ...(options.cards ? { cards: options.cards } : {}),
        allowedOrigins: options.allowedOrigins,
        counsellorTokenHashes: options.counsellorTokenHashes,
        responseHours: 48,
        ...(options.retentionDays === undefined ? {} : { retentionDays: options.retentionDays }),
      },
    ],
  };
}

/** Writes relayConfig(options) to `file`, as the provider would; returns the file. */
export function writeRelayConfig(file: string, options: RelayConfigOptions): string {
  writeFileSync(file, `${JSON.stringify(relayConfig(options), null, 2)}\n`);
  return file;
}
