import { resolve } from 'node:path';
import { backupWorkplace } from '../workplace/backup.js';
import { findWorkplaceSettings } from '../workplace/settings.js';
import { defineCommand } from './define-command.js';
import { UsageError } from './usage-error.js';
import { workplaceWords } from './workplace-words.js';

export const backup = defineCommand({
  name: 'backup',
  settings: 'workplace',
  options: { out: { type: 'string' } },
  async run({ values, settings: s, io }) {
    const w = workplaceWords[s.lang];
    if (!values.out) throw new UsageError('badOption', [w.backupOut]);
    const settings = await findWorkplaceSettings({ config: values.config, env: io.env });
    const result = await backupWorkplace(settings, resolve(values.out));
    io.stdout.write(`${w.backupDone(result.file, result.mailboxes, result.inboxFiles)}\n`);
    return 0;
  },
});
