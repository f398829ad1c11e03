import { resolve } from 'node:path';
import { restoreWorkplace } from '../workplace/backup.js';
import { getPassphrase } from '../passphrase.js';
import { defineCommand } from './define-command.js';
import { UsageError } from './usage-error.js';
import { warnIfOpenToOthers } from './settings.js';
import { workplaceWords } from './workplace-words.js';

export const restore = defineCommand({
  name: 'restore',
  settings: 'workplace',
  positionals: true,
  options: { key: { type: 'string' }, 'passphrase-file': { type: 'string' }, register: { type: 'string' } },
  async run({ values, positionals, settings: s, io }) {
    const w = workplaceWords[s.lang];
    if (positionals.length !== 1) throw new UsageError('badOption', [w.restoreOne]);
    if (!values.key) throw new UsageError('badOption', [w.restoreKey]);
    const passphraseFile = values['passphrase-file'];
    if (passphraseFile) await warnIfOpenToOthers(passphraseFile, s, io);
    const result = await restoreWorkplace({
      backupFile: resolve(positionals[0]!),
      keyFile: resolve(values.key),
      passphrase: () => getPassphrase({ passphraseFile, env: io.env, prompt: w.passphrasePrompt, missing: w.passphraseMissing }),
      ...(values.config ? { settingsFile: resolve(values.config) } : {}),
      ...(values.register ? { registerDir: resolve(values.register) } : {}),
      env: io.env,
    });
    io.stdout.write(`${w.restoreDone(result.settingsFile, result.registerDir, result.mailboxes)}\n`);
    return 0;
  },
});
