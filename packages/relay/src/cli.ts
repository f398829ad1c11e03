/**
 * vp-relay: `vp-relay --config FILE` (or VP_RELAY_CONFIG) runs the relay until SIGTERM or SIGINT.
 * `--check` only reads the configuration, its keys and its cards, and prints what it found. Exit 0 when it stopped as asked, 1 when
 * it could not start (a clear line on stderr), 2 for wrong usage.
 */
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { loadConfig } from './config.js';
import { ConfigError, StartError } from './errors.js';
import { jsonLog } from './log.js';
import { startRelayServer, stopOnSignals } from './server.js';

const HELP = `Usage: vp-relay --config FILE

Runs the vp-contact relay: it holds OpenPGP ciphertext from the <vp-contact> widget until the
counsellor tools (vp-counsellor pull) collect it. It cannot read what it holds.

Options:
  -c, --config FILE   the JSON configuration (default: the environment variable VP_RELAY_CONFIG)
      --check         check the configuration, its keys and cards, print a summary and
                      any warnings, and exit
  -h, --help          show this help
  -v, --version       show the version

It logs JSON lines on stdout; SIGTERM or Ctrl-C stops it gracefully.
The provider's guide (configuration, keys, tokens, databases, TLS, backups): README.md of
@vp-contact/relay.
`;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let values: { config?: string | undefined; check?: boolean | undefined; help?: boolean | undefined; version?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        config: { type: 'string', short: 'c' },
        check: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    process.stderr.write(`vp-relay: ${(error as Error).message}. See vp-relay --help.\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const file = values.config ?? env.VP_RELAY_CONFIG;
  if (!file) {
    process.stderr.write('vp-relay: no configuration: use --config FILE or set VP_RELAY_CONFIG. See vp-relay --help.\n');
    return 2;
  }
  try {
    const config = await loadConfig(file);
    if (values.check) {
      const lines = [`The configuration is valid: ${config.mailboxes.length} mailbox(es), database ${config.database.startsWith('sqlite:') ? 'SQLite' : 'PostgreSQL'}, listening on ${config.listen.host}:${config.listen.port}.`];
      for (const mailbox of config.mailboxes) {
        for (const key of mailbox.keys) {
          lines.push(`  ${mailbox.id}: key ${key.fingerprint}${key.expiresAt ? `, expires ${key.expiresAt.toISOString().slice(0, 10)}` : ''}`);
        }
        if (mailbox.notify) {
          // What and how often, never where to: no SMTP URL, recipient or webhook address.
          const { email, webhooks, intervalMinutes, lang } = mailbox.notify;
          const targets = [...(email ? [`e-mail (${email.smtp.tls === 'none' ? 'no TLS, this machine' : email.smtp.tls.toUpperCase()})`] : []), ...(webhooks.length > 0 ? [`${webhooks.length} webhook(s)`] : [])];
          lines.push(`  ${mailbox.id}: notices to ${targets.join(' and ')}, at most one per ${intervalMinutes} min, in ${lang === 'nl' ? 'Dutch' : 'English'}`);
        }
        for (const card of mailbox.cardChecks) {
          lines.push(`  ${mailbox.id}: card ${card.source}, ${card.validUntil ? `valid until ${card.validUntil}` : 'not valid now (see the warning)'}`);
        }
      }
      // The same warnings the relay logs at start; they do not stop it.
      for (const warning of config.warnings) {
        lines.push(`warning: mailbox "${warning.mailbox}"${warning.card ? `, card ${warning.card}` : ''}: ${warning.message}`);
      }
      process.stdout.write(`${lines.join('\n')}\n`);
      return 0;
    }
    const log = jsonLog();
    const relay = await startRelayServer(config, { log });
    stopOnSignals(relay, log);
    // Runs until a signal; stopOnSignals exits the process.
    return await new Promise<number>(() => {});
  } catch (error) {
    if (error instanceof ConfigError || error instanceof StartError) {
      process.stderr.write(`vp-relay: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`vp-relay: unexpected failure: ${(error as Error)?.stack ?? String(error)}\n`);
    return 1;
  }
}
