// A bad notice setting stops the start with one line that names the field, and never repeats a
// password, a secret or a recipient.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../config.js';
import { makeKeys, runRelayCommand, tempDir, type Keys } from '@vp-contact/test-kit';
import { writeConfig } from '../test-support/process.js';
import { testConfig } from '../test-support/fixtures.js';
import { notifyConfig, WEBHOOK_SECRET } from './test-support/setup.js';

let keys: Keys;
const tmp = tempDir('vp-relay-notify-config-');
beforeAll(async () => {
  keys = await makeKeys();
  writeFileSync(join(tmp.dir, 'hook.secret'), WEBHOOK_SECRET);
  writeFileSync(join(tmp.dir, 'short.secret'), 'kort');
});
afterAll(() => tmp.remove());

const email = { smtp: 'smtps://relay:Geheim-Wachtwoord@mail.voorbeeld.example:465', from: 'relay@voorbeeld.example', to: ['intake@voorbeeld.example'] };

describe('the notify setting', () => {
  it('takes e-mail over TLS or STARTTLS, https webhooks, and loopback without TLS; with defaults for the rest', async () => {
    const { config } = await notifyConfig([keys], tmp.dir, {
      email,
      webhooks: [{ url: 'https://ntfy.voorbeeld.example/', topic: 'vp-meldingen', secretFile: 'hook.secret' }, { url: 'http://127.0.0.1:9000/hook' }],
    });
    expect(config.mailboxes[0]!.notify).toEqual({
      email: {
        smtp: { host: 'mail.voorbeeld.example', port: 465, tls: 'tls', user: 'relay', password: 'Geheim-Wachtwoord' },
        from: 'relay@voorbeeld.example',
        to: ['intake@voorbeeld.example'],
      },
      webhooks: [
        { url: 'https://ntfy.voorbeeld.example/', secret: WEBHOOK_SECRET, topic: 'vp-meldingen' },
        { url: 'http://127.0.0.1:9000/hook', secret: undefined, topic: undefined },
      ],
      intervalMinutes: 15,
      reminderAfterShare: 0.5,
      lang: 'nl',
      timeZone: 'Europe/Amsterdam',
    });
    const starttls = await notifyConfig([keys], tmp.dir, { email: { ...email, smtp: 'smtp://mail.voorbeeld.example' } });
    expect(starttls.config.mailboxes[0]!.notify!.email!.smtp).toEqual({ host: 'mail.voorbeeld.example', port: 587, tls: 'starttls', user: undefined, password: undefined });
    const local = await notifyConfig([keys], tmp.dir, { email: { ...email, smtp: 'smtp://localhost:25', tls: 'none' } });
    expect(local.config.mailboxes[0]!.notify!.email!.smtp.tls).toBe('none');
  });

  it.each([
    ['an unknown target type', { email, pager: { number: '+31 20 000 0000' } }, /mailboxes\[0\]\.notify\.pager is not a setting the relay knows/],
    ['no target at all', { intervalMinutes: 5 }, /mailboxes\[0\]\.notify names no target/],
    ['SMTP without TLS to a host that is not loopback', { email: { ...email, smtp: 'smtp://relay:Geheim-Wachtwoord@mail.voorbeeld.example:25', tls: 'none' } }, /mailboxes\[0\]\.notify\.email\.tls is "none" .* not on this machine/],
    ['an SMTP URL of another scheme', { email: { ...email, smtp: 'http://relay:Geheim-Wachtwoord@mail.voorbeeld.example' } }, /mailboxes\[0\]\.notify\.email\.smtp must start with smtps:\/\/ .* or smtp:\/\//],
    ['a webhook over http to a host that is not loopback', { webhooks: [{ url: 'http://hooks.voorbeeld.example/x' }] }, /mailboxes\[0\]\.notify\.webhooks\[0\]\.url must use https:\/\//],
    ['a missing secret file', { webhooks: [{ url: 'https://hooks.voorbeeld.example/x', secretFile: 'missing.secret' }] }, /mailboxes\[0\]\.notify\.webhooks\[0\]\.secretFile: cannot read the secret file .*missing\.secret \(there is no such file\)/],
    ['a secret that is too short', { webhooks: [{ url: 'https://hooks.voorbeeld.example/x', secretFile: 'short.secret' }] }, /webhooks\[0\]\.secretFile: the secret in .* is shorter than 16 characters/],
    ['a recipient that is not an address', { email: { ...email, to: ['intake'] } }, /mailboxes\[0\]\.notify\.email\.to\[0\] must look like an e-mail address/],
    ['a language the relay has no texts for', { email, lang: 'de' }, /mailboxes\[0\]\.notify\.lang must be "nl" or "en"/],
    ['an interval of 0', { email, intervalMinutes: 0 }, /mailboxes\[0\]\.notify\.intervalMinutes must be at least 1/],
  ])('refuses %s, naming the field and no secret', async (_name, notify, message) => {
    const { input } = await testConfig([keys]);
    const error = await resolveConfig({ ...input, mailboxes: [{ ...input.mailboxes[0]!, notify }] }, tmp.dir).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.name).toBe('ConfigError');
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain('Geheim-Wachtwoord');
    expect(error?.message).not.toContain('intake@voorbeeld.example');
    expect(error?.message).not.toContain('kort');
  });

  it('stops vp-relay with exit 1 and one line naming the field', async () => {
    const { input } = await testConfig([keys]);
    const file = writeConfig(join(tmp.dir, 'relay.json'), {
      ...input,
      database: 'sqlite:./data/relay.db',
      listen: { host: '127.0.0.1', port: 0 },
      mailboxes: [{ ...input.mailboxes[0]!, notify: { email: { ...email, smtp: 'smtp://relay:Geheim-Wachtwoord@mail.voorbeeld.example', tls: 'none' } } }],
    });
    const result = await runRelayCommand(['--config', file]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^vp-relay: mailboxes\[0\]\.notify\.email\.tls is "none"/)]);
    expect(result.stderr + result.stdout).not.toContain('Geheim-Wachtwoord');
  });
});

it('vp-relay --check says where notices go by kind, never the address, the password or the secret', async () => {
  const { input } = await testConfig([keys]);
  const file = writeConfig(join(tmp.dir, 'check.json'), {
    ...input,
    mailboxes: [{ ...input.mailboxes[0]!, notify: { email, webhooks: [{ url: 'https://hooks.voorbeeld.example/vp', secretFile: 'hook.secret' }] } }],
  });
  const result = await runRelayCommand(['--config', file, '--check']);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('voorbeeld: notices to e-mail (TLS) and 1 webhook(s), at most one per 15 min, in Dutch');
  for (const secret of ['Geheim-Wachtwoord', 'intake@voorbeeld.example', 'hooks.voorbeeld.example', WEBHOOK_SECRET]) expect(result.stdout + result.stderr).not.toContain(secret);
});
