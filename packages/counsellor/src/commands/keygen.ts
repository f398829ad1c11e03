import { groupedFingerprint } from '../format.js';
import { basename } from 'node:path';
import * as v from 'valibot';
import { CounsellorError } from '../errors.js';
import { generateProviderKey } from '../keygen.js';
import { defineCommand } from './define-command.js';
import { passphraseFor } from './settings.js';
import { usage } from './usage-error.js';

export const keygen = defineCommand({
  name: 'keygen',
  options: {
    name: { type: 'string' },
    email: { type: 'string' },
    out: { type: 'string' },
    'passphrase-file': { type: 'string' },
  },
  async run({ values, settings: s, io }) {
    const name = values.name?.trim();
    if (!name) throw usage('keygenName');
    const email = values.email?.trim();
    if (!email || !v.is(v.pipe(v.string(), v.email()), email)) throw usage('keygenEmail');
    if (!values.out) throw usage('keygenOut');
    // Only --passphrase-file here: a passphrase file named in the settings belongs to an existing key.
    const file = values['passphrase-file'];
    const fromTerminal = !file && !io.env.VP_PASSPHRASE;
    const passphrase = await passphraseFor(s, io, s.t.newPassphrasePrompt, file);
    if (fromTerminal) {
      const again = await passphraseFor(s, io, s.t.newPassphraseAgain, file);
      if (again !== passphrase) throw new CounsellorError('passphrase-mismatch', 'The two passphrases differ; nothing was made. Try again.');
    }
    const result = await generateProviderKey({ name, email, passphrase, dir: values.out });
    const spaced = groupedFingerprint(result.fingerprint);
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
        s.t.keygenNext(result.privateKeyFile),
        '',
      ].join('\n'),
    );
    return 0;
  },
});
