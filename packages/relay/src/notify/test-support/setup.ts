// A relay configuration with notices to a loopback SMTP receiver and webhook receiver, a clock the
// test moves, and the scheduler on a real store.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig, type ConfigInput, type RelayConfig } from '../../config.js';
import { memoryLog } from '../../log.js';
import type { RelayStore } from '../../store/types.js';
import type { Keys } from '@vp-contact/test-kit';
import { testConfig } from '../../test-support/fixtures.js';
import { startNoticeScheduler, type NoticeScheduler } from '../scheduler.js';
import { SMTP_PASSWORD, SMTP_USER } from './receivers.js';

export const RECIPIENT = 'intake@voorbeeld.example';
export const WEBHOOK_SECRET = 'webhook-geheim-0123456789abcdef';

/** The mailbox's notify setting: e-mail to the SMTP receiver on `smtpPort`, and the webhooks. */
export function notifyInput(dir: string, smtpPort: number, webhookUrls: readonly string[], extra: Record<string, unknown> = {}) {
  writeFileSync(join(dir, 'webhook.secret'), `${WEBHOOK_SECRET}\n`, { mode: 0o600 });
  return {
    email: {
      smtp: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${smtpPort}`,
      tls: 'none',
      from: 'relay@voorbeeld.example',
      to: [RECIPIENT],
    },
    webhooks: webhookUrls.map((url) => ({ url, secretFile: 'webhook.secret' })),
    ...extra,
  };
}

export async function notifyConfig(keys: readonly Keys[], dir: string, notify: unknown, mailbox: Record<string, unknown> = {}, top: Partial<ConfigInput> = {}): Promise<{ config: RelayConfig; input: ConfigInput; token: string }> {
  const { input, token } = await testConfig(keys, top);
  const full = { ...input, mailboxes: [{ ...input.mailboxes[0]!, notify, ...mailbox }] } as ConfigInput;
  return { config: await resolveConfig(full, dir), input: full, token };
}

/** A clock that starts at the real now (the store stamps receivedAt with the real time) and moves when told. */
export function testClock() {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms: number) {
      offset += ms;
    },
  };
}

/** The scheduler without a timer: the test ticks it. A 202 wakes it only when `wakeAlignMs` is given. */
export function scheduler(store: RelayStore, config: RelayConfig, now: () => Date, { wakeAlignMs = 24 * 3_600_000 }: { wakeAlignMs?: number } = {}) {
  const log = memoryLog();
  const notices: NoticeScheduler = startNoticeScheduler({ store, mailboxes: config.mailboxes, log, now, tickMs: 0, wakeAlignMs });
  return { notices, log };
}
