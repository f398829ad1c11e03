import { parseArgs } from 'node:util';
import { readFile } from 'node:fs/promises';
import { CounsellorError } from '../errors.js';
import { Inbox } from '../inbox.js';
import { pull as pullRequests } from '../pull.js';
import { RelayClient } from '../relay-client.js';
import { COMMON_OPTIONS, earlyLang, KEY_OPTIONS, loadPrivateKey, parsing, required, settings, usage, type Command } from './common.js';
import { describeError } from './describe-error.js';

const HELP = {
  en: `Usage: vp-counsellor pull --relay URL --mailbox ID --token-file FILE --inbox DIR [--key FILE]

Fetches every waiting request from the relay and stores each one, still encrypted, in the inbox
folder; only once it is safely on disk is it removed from the relay. Interrupted and run again, it
loses nothing and stores nothing twice. With --key, each new request is test-decrypted; one that
cannot be decrypted is kept and reported.

  --relay URL               the relay's address
  --mailbox ID              the mailbox id at the relay
  --token-file FILE         the file holding your token (see "vp-counsellor token")
  --inbox DIR               the inbox folder (made when missing); also VP_INBOX
  --key FILE                test-decrypt with this private key (passphrase: --passphrase-file,
                            VP_PASSPHRASE, or asked on the terminal)
  --page-size N             requests per page (default 100)
  --config FILE             read options from FILE (default: vp-counsellor.json in the inbox)
  --lang nl|en, --debug, --help
`,
  nl: `Gebruik: vp-counsellor pull --relay URL --mailbox ID --token-file BESTAND --inbox MAP [--key BESTAND]

Haalt alle wachtende verzoeken van de relay op en zet elk verzoek, nog versleuteld, in de
inbox-map; pas als het veilig op schijf staat, wordt het van de relay verwijderd. Onderbroken en
opnieuw gestart gaat er niets verloren en wordt niets dubbel opgeslagen. Met --key wordt elk nieuw
verzoek proef-ontsleuteld; een verzoek dat niet lukt, blijft bewaard en wordt gemeld.

  --relay URL               het adres van de relay
  --mailbox ID              de mailbox-id bij de relay
  --token-file BESTAND      het bestand met je token (zie "vp-counsellor token")
  --inbox MAP               de inbox-map (wordt gemaakt als die er niet is); ook VP_INBOX
  --key BESTAND             proef-ontsleutelen met deze privésleutel
  --page-size N             verzoeken per pagina (standaard 100)
  --config BESTAND          lees opties uit BESTAND (standaard: vp-counsellor.json in de inbox)
  --lang nl|en, --debug, --help
`,
};

const OPTIONS = {
  ...COMMON_OPTIONS,
  ...KEY_OPTIONS,
  relay: { type: 'string' },
  mailbox: { type: 'string' },
  'token-file': { type: 'string' },
  inbox: { type: 'string' },
  'page-size': { type: 'string' },
} as const;

export const pull: Command = {
  name: 'pull',
  summary: { en: 'fetch waiting requests into the inbox', nl: 'haal wachtende verzoeken op in de inbox' },
  async run(args, io) {
    const { values } = parsing(() => parseArgs({ args, options: OPTIONS, strict: true }));
    if (values.help) {
      io.stdout.write(HELP[earlyLang(args, io.env)]);
      return 0;
    }
    const s = await settings(values, io);
    const pageSize = values['page-size'] === undefined ? 100 : Number(values['page-size']);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) throw usage('--page-size must be a whole number from 1 to 1000.', '--page-size moet een heel getal van 1 tot 1000 zijn.');
    const relay = required(s.relay, '--relay');
    const mailbox = required(s.mailbox, '--mailbox');
    const tokenFile = required(s.tokenFile, '--token-file');
    const inboxDir = required(s.inbox, '--inbox');
    let tokenText: string;
    try {
      tokenText = await readFile(tokenFile, 'utf8');
    } catch (cause) {
      throw new CounsellorError('usage', `The token file ${tokenFile} could not be read: ${(cause as Error).message}.`, {
        cause,
        dutch: `Het tokenbestand ${tokenFile} is niet te lezen: ${(cause as Error).message}.`,
      });
    }
    const client = new RelayClient({ relay, mailbox, token: tokenText });
    // Unlock first: a wrong passphrase should stop the pull before anything moves.
    const privateKeys = s.key ? [await loadPrivateKey(s, io)] : undefined;
    const inbox = await Inbox.open(inboxDir, { create: true });
    const showProgress = Boolean(io.stderr.isTTY);
    let progressShown = false;
    const result = await pullRequests({
      client,
      inbox,
      pageSize,
      privateKeys,
      onProgress(progress) {
        if (showProgress && (progressShown || progress.received >= 50)) {
          progressShown = true;
          io.stderr.write(`\r${s.t.pullProgress(progress.stored, progress.received)}`);
        }
      },
    });
    if (progressShown) io.stderr.write('\n');
    io.stdout.write(`${result.received === 0 ? s.t.pullNone : s.t.pullDone(result.stored, result.received - result.stored)}\n`);
    if (result.undecryptable.length > 0) {
      io.stderr.write(`${s.t.pullUndecryptable(result.undecryptable.length)}\n`);
      for (const { entry, error } of result.undecryptable) {
        io.stderr.write(`${s.t.unreadableLine(entry.file, describeError(error, s.t))}\n`);
      }
      return 1;
    }
    return 0;
  },
};
