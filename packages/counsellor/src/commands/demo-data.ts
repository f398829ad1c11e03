import { fillWithDemoCases } from '../reports/demo-data.js';
import { findWorkplaceSettings } from '../workplace/settings.js';
import { defineCommand } from './define-command.js';
import { parseYear, UNLOCK_OPTIONS, unlockRegister } from './report-common.js';
import { reportCliWords } from './report-words.js';
import { UsageError } from './usage-error.js';

export const demoData = defineCommand({
  name: 'demo-data',
  settings: 'workplace',
  options: { 'passphrase-file': UNLOCK_OPTIONS['passphrase-file'], cases: { type: 'string' }, year: { type: 'string' } },
  async run({ values, settings: s, io }) {
    const w = reportCliWords[s.lang];
    const count = Number(values.cases);
    if (values.cases === undefined || !/^\d+$/.test(values.cases) || count < 1 || count > 100_000) throw new UsageError('badOption', [w.cases]);
    const year = values.year === undefined ? new Date().getUTCFullYear() - 1 : parseYear(values.year, s.lang);
    const settings = await findWorkplaceSettings({ config: values.config, env: io.env });
    const open = await unlockRegister(settings, values['passphrase-file'], io);
    try {
      const added = fillWithDemoCases(open.register, count, year);
      io.stdout.write(`${w.demoDone(added, year)}\n`);
      return 0;
    } finally {
      open.close();
    }
  },
});
