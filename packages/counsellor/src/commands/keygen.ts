import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { CounsellorError } from '../errors.js';
import { generateProviderKey } from '../keygen.js';
import { getPassphrase } from '../passphrase.js';
import { COMMON_OPTIONS, earlyLang, parsing, settings, usage, type Command } from './common.js';

const HELP = {
  en: `Usage: vp-counsellor keygen --name NAME --email EMAIL --out DIR [--passphrase-file FILE]

Makes the provider's key pair, protected by a passphrase. Writes DIR/private.asc (readable only
by you), DIR/public.asc and DIR/revocation.asc, and prints the fingerprint and the lines for the
relay's config and the widget's embed code. Never overwrites an existing key.

The passphrase comes from --passphrase-file, VP_PASSPHRASE, or is asked for twice on the terminal.

  --name NAME               the name on the key, e.g. "Vertrouwenspersonen Voorbeeld"
  --email EMAIL             the e-mail address on the key
  --out DIR                 the folder for the key files
  --passphrase-file FILE    read the passphrase from this file
  --lang nl|en, --debug, --help
`,
  nl: `Gebruik: vp-counsellor keygen --name NAAM --email E-MAIL --out MAP [--passphrase-file BESTAND]

Maakt het sleutelpaar van de aanbieder, beveiligd met een wachtwoordzin. Schrijft MAP/private.asc
(alleen voor jou leesbaar), MAP/public.asc en MAP/revocation.asc, en toont de vingerafdruk en de
regels voor de configuratie van de relay en de insluitcode van de widget. Overschrijft nooit een
bestaande sleutel.

De wachtwoordzin komt uit --passphrase-file, VP_PASSPHRASE, of wordt twee keer gevraagd.

  --name NAAM               de naam op de sleutel
  --email E-MAIL            het e-mailadres op de sleutel
  --out MAP                 de map voor de sleutelbestanden
  --passphrase-file BESTAND lees de wachtwoordzin uit dit bestand
  --lang nl|en, --debug, --help
`,
};

const OPTIONS = {
  ...COMMON_OPTIONS,
  name: { type: 'string' },
  email: { type: 'string' },
  out: { type: 'string' },
  'passphrase-file': { type: 'string' },
} as const;

export const keygen: Command = {
  name: 'keygen',
  summary: { en: 'make the provider\'s key pair', nl: 'maak het sleutelpaar van de aanbieder' },
  async run(args, io) {
    const { values } = parsing(() => parseArgs({ args, options: OPTIONS, strict: true }));
    if (values.help) {
      io.stdout.write(HELP[earlyLang(args, io.env)]);
      return 0;
    }
    const s = await settings(values, io);
    const name = values.name?.trim();
    if (!name) throw usage('--name is needed: the name on the key, e.g. "Vertrouwenspersonen Voorbeeld".', '--name is nodig: de naam op de sleutel, bijvoorbeeld "Vertrouwenspersonen Voorbeeld".');
    const email = values.email?.trim();
    if (!email || !v.is(v.pipe(v.string(), v.email()), email)) throw usage('--email is needed and must be an e-mail address.', '--email is nodig en moet een e-mailadres zijn.');
    if (!values.out) throw usage('--out is needed: the folder to write the key files to.', '--out is nodig: de map waarin de sleutelbestanden komen.');
    const fromTerminal = !values['passphrase-file'] && !io.env.VP_PASSPHRASE;
    const source = { passphraseFile: values['passphrase-file'], env: io.env, missing: s.t.passphraseMissing };
    const passphrase = await getPassphrase({ ...source, prompt: s.t.newPassphrasePrompt });
    if (fromTerminal) {
      const again = await getPassphrase({ ...source, prompt: s.t.newPassphraseAgain });
      if (again !== passphrase) throw new CounsellorError('passphrase-mismatch', 'The two passphrases differ; nothing was made. Try again.');
    }
    const result = await generateProviderKey({ name, email, passphrase, dir: values.out });
    const spaced = result.fingerprint.toUpperCase().replace(/(.{4})/g, '$1 ').trim();
    io.stdout.write(
      [
        s.t.keygenDone(result.privateKeyFile),
        '',
        `${s.t.keygenFingerprint} ${spaced}`,
        '',
        s.t.keygenRelay(result.publicKeyFile),
        // A path the relay can use: relative to its own config file, on its own machine.
        `  "publicKeys": ["keys/${basename(result.publicKeyFile)}"]`,
        '',
        s.t.keygenWidget,
        `  fingerprints="${result.fingerprint}"`,
        '',
        s.t.keygenRevocation(result.revocationFile),
        '',
      ].join('\n'),
    );
    return 0;
  },
};
