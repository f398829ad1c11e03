import { parseArgs } from 'node:util';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { hashToken, makeToken } from '@vp-contact/protocol';
import { CounsellorError } from '../errors.js';
import { COMMON_OPTIONS, earlyLang, parsing, settings, type Command } from './common.js';

const HELP = {
  en: `Usage: vp-counsellor token [--out FILE]

Makes a new random bearer token for pulling from the relay. Prints the token once (or, with
--out, writes it to FILE, readable only by you, and does not print it), and the "sha256:…" line
to add to the mailbox's counsellorTokenHashes in the relay's config.

  --out FILE      write the token to this new file instead of printing it
  --lang nl|en, --debug, --help
`,
  nl: `Gebruik: vp-counsellor token [--out BESTAND]

Maakt een nieuw willekeurig token om verzoeken van de relay op te halen. Toont het token één keer
(of schrijft het met --out naar BESTAND, alleen voor jou leesbaar, zonder het te tonen), en de
regel "sha256:…" voor counsellorTokenHashes van de mailbox in de configuratie van de relay.

  --out BESTAND   schrijf het token naar dit nieuwe bestand in plaats van het te tonen
  --lang nl|en, --debug, --help
`,
};

const OPTIONS = { ...COMMON_OPTIONS, out: { type: 'string' } } as const;

export const token: Command = {
  name: 'token',
  summary: { en: 'make a token for pulling from the relay', nl: 'maak een token om van de relay op te halen' },
  async run(args, io) {
    const { values } = parsing(() => parseArgs({ args, options: OPTIONS, strict: true }));
    if (values.help) {
      io.stdout.write(HELP[earlyLang(args, io.env)]);
      return 0;
    }
    const s = await settings(values, io);
    const value = makeToken();
    const hash = await hashToken(value);
    if (values.out) {
      const file = resolve(values.out);
      try {
        await writeFile(file, `${value}\n`, { flag: 'wx', mode: 0o600 });
      } catch (cause) {
        const exists = (cause as NodeJS.ErrnoException).code === 'EEXIST';
        throw new CounsellorError(
          exists ? 'key-exists' : 'usage',
          exists ? `${file} already exists; a token file is never overwritten.` : `Could not write ${file}: ${(cause as Error).message}.`,
          { cause },
        );
      }
      io.stdout.write(`${s.t.tokenWritten(file)}\n\n${s.t.tokenHash}\n  "${hash}"\n`);
    } else {
      io.stdout.write(`${s.t.tokenIntro}\n\n  ${value}\n\n${s.t.tokenHash}\n  "${hash}"\n`);
    }
    return 0;
  },
};
