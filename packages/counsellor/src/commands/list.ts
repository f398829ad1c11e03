import { parseArgs } from 'node:util';
import { readInbox } from '../decrypt.js';
import { formatTable, type ListRow } from '../format.js';
import { Inbox } from '../inbox.js';
import { COMMON_OPTIONS, earlyLang, KEY_OPTIONS, loadPrivateKey, parsing, required, settings, type Command } from './common.js';
import { describeError } from './describe-error.js';

const HELP = {
  en: `Usage: vp-counsellor list --inbox DIR --key FILE

Shows the requests in the inbox, newest first: when received, reference, name or '(anonymous)',
how to reach them, topics, whether urgent, and the hours left of the promised response time.
Decrypts in memory only. A file that cannot be read is reported and the rest are shown.

  --inbox DIR               the inbox folder; also VP_INBOX
  --key FILE                your private key (passphrase: --passphrase-file, VP_PASSPHRASE, or
                            asked on the terminal)
  --passphrase-file FILE    read the passphrase from this file
  --response-hours N        the promised response time (default 48)
  --json                    machine-readable output
  --config FILE             read options from FILE (default: vp-counsellor.json in the inbox)
  --lang nl|en, --debug, --help
`,
  nl: `Gebruik: vp-counsellor list --inbox MAP --key BESTAND

Toont de verzoeken in de inbox, nieuwste eerst: wanneer ontvangen, kenmerk, naam of '(anoniem)',
hoe bereikbaar, onderwerpen, of het dringend is, en de uren die over zijn van de beloofde
reactietijd. Ontsleutelt alleen in het geheugen. Een bestand dat niet te lezen is, wordt gemeld;
de rest wordt getoond.

  --inbox MAP               de inbox-map; ook VP_INBOX
  --key BESTAND             je privésleutel (wachtwoordzin: --passphrase-file, VP_PASSPHRASE, of
                            gevraagd in de terminal)
  --passphrase-file BESTAND lees de wachtwoordzin uit dit bestand
  --response-hours N        de beloofde reactietijd (standaard 48)
  --json                    uitvoer voor programma's
  --config BESTAND          lees opties uit BESTAND (standaard: vp-counsellor.json in de inbox)
  --lang nl|en, --debug, --help
`,
};

const OPTIONS = { ...COMMON_OPTIONS, ...KEY_OPTIONS, inbox: { type: 'string' }, json: { type: 'boolean' } } as const;

export const list: Command = {
  name: 'list',
  summary: { en: 'show the requests in the inbox', nl: 'toon de verzoeken in de inbox' },
  async run(args, io) {
    const { values } = parsing(() => parseArgs({ args, options: OPTIONS, strict: true }));
    if (values.help) {
      io.stdout.write(HELP[earlyLang(args, io.env)]);
      return 0;
    }
    const s = await settings(values, io);
    const inbox = await Inbox.open(required(s.inbox, '--inbox'));
    const key = await loadPrivateKey(s, io);
    const results = await readInbox(inbox, [key]);
    const rows: ListRow[] = results.flatMap((r) => (r.ok ? [{ entry: r.entry, request: r.request }] : []));
    const failed = results.flatMap((r) => (r.ok ? [] : [r]));
    if (values.json) {
      const out = {
        requests: rows.map(({ entry, request }) => ({ id: entry.id, receivedAt: entry.receivedAt, file: entry.file, request })),
        unreadable: failed.map(({ entry, error }) => ({ id: entry.id, file: entry.file, code: error.code ?? null, message: error.message })),
      };
      io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    } else {
      // "No requests" only when there are none: unreadable files are reported below instead.
      if (rows.length > 0) io.stdout.write(formatTable(rows, s.t, s.responseHours ?? 48));
      else if (failed.length === 0) io.stdout.write(`${s.t.inboxEmpty}\n`);
    }
    if (failed.length > 0) {
      io.stderr.write(`${s.t.unreadableHeader(failed.length)}\n`);
      for (const { entry, error } of failed) io.stderr.write(`${s.t.unreadableLine(entry.file, describeError(error, s.t))}\n`);
    }
    return 0;
  },
};
