import { parseArgs } from 'node:util';
import { findInboxRequest, notFound } from '../decrypt.js';
import { formatRequest } from '../format.js';
import { Inbox } from '../inbox.js';
import { COMMON_OPTIONS, earlyLang, KEY_OPTIONS, loadPrivateKey, parsing, required, settings, usage, type Command } from './common.js';
import { describeError } from './describe-error.js';

const HELP = {
  en: `Usage: vp-counsellor show REFERENCE|ID --inbox DIR --key FILE [--json]

Shows one request in full: by its reference (as the employee reads it out, e.g. K7P-4QX or k7p4qx),
by the relay's id, or by its file name in the inbox. Decrypts in memory only.

  --inbox DIR               the inbox folder; also VP_INBOX
  --key FILE                your private key
  --passphrase-file FILE    read the passphrase from this file
  --response-hours N        the promised response time (default 48)
  --json                    the request as JSON, for programs
  --config FILE             read options from FILE (default: vp-counsellor.json in the inbox)
  --lang nl|en, --debug, --help
`,
  nl: `Gebruik: vp-counsellor show KENMERK|ID --inbox MAP --key BESTAND [--json]

Toont één verzoek volledig: op kenmerk (zoals de melder het voorleest, bijvoorbeeld K7P-4QX of
k7p4qx), op de id van de relay, of op de bestandsnaam in de inbox. Ontsleutelt alleen in het geheugen.

  --inbox MAP               de inbox-map; ook VP_INBOX
  --key BESTAND             je privésleutel
  --passphrase-file BESTAND lees de wachtwoordzin uit dit bestand
  --response-hours N        de beloofde reactietijd (standaard 48)
  --json                    het verzoek als JSON, voor programma's
  --config BESTAND          lees opties uit BESTAND (standaard: vp-counsellor.json in de inbox)
  --lang nl|en, --debug, --help
`,
};

const OPTIONS = { ...COMMON_OPTIONS, ...KEY_OPTIONS, inbox: { type: 'string' }, json: { type: 'boolean' } } as const;

export const show: Command = {
  name: 'show',
  summary: { en: 'show one request in full', nl: 'toon één verzoek volledig' },
  async run(args, io) {
    const { values, positionals } = parsing(() => parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: true }));
    if (values.help) {
      io.stdout.write(HELP[earlyLang(args, io.env)]);
      return 0;
    }
    const s = await settings(values, io);
    if (positionals.length !== 1) throw usage('Give one reference or id, e.g. vp-counsellor show K7P-4QX.', 'Geef één kenmerk of id, bijvoorbeeld vp-counsellor show K7P-4QX.');
    const query = positionals[0]!;
    const inbox = await Inbox.open(required(s.inbox, '--inbox'));
    const key = await loadPrivateKey(s, io);
    const { match, unreadable } = await findInboxRequest(inbox, query, [key]);
    for (const { entry, error } of unreadable) io.stderr.write(`${s.t.unreadableLine(entry.file, describeError(error, s.t))}\n`);
    if (match === null) throw notFound(query);
    if (!match.ok) {
      io.stderr.write(`${s.t.unreadableLine(match.entry.file, describeError(match.error, s.t))}\n`);
      return 1;
    }
    if (values.json) {
      const { entry, request } = match;
      io.stdout.write(`${JSON.stringify({ id: entry.id, receivedAt: entry.receivedAt, file: entry.file, request }, null, 2)}\n`);
    } else {
      io.stdout.write(formatRequest(match.entry, match.request, s.t, s.responseHours ?? 48));
    }
    return 0;
  },
};
