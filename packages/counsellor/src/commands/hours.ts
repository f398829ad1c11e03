import { buildHoursSpec, MONTH_PATTERN } from '../reports/hours.js';
import { readReportSettings } from '../reports/report-settings.js';
import { hoursSpecCsv, hoursSpecHtml } from '../reports/render.js';
import { findWorkplaceSettings } from '../workplace/settings.js';
import { defineCommand } from './define-command.js';
import { emit, findEmployer, parseFormat, UNLOCK_OPTIONS, unlockRegister } from './report-common.js';
import { reportCliWords } from './report-words.js';
import { UsageError } from './usage-error.js';

export const hours = defineCommand({
  name: 'hours',
  settings: 'workplace',
  options: { ...UNLOCK_OPTIONS, mailbox: { type: 'string' }, month: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
  async run({ values, settings: s, io }) {
    const lang = s.lang;
    const w = reportCliWords[lang];
    if (!values.mailbox) throw new UsageError('badOption', [w.mailbox]);
    if (!values.month || !MONTH_PATTERN.test(values.month)) throw new UsageError('badOption', [w.month]);
    const format = parseFormat(values.format, ['csv', 'html'] as const, lang);
    const settings = await findWorkplaceSettings({ config: values.config, env: io.env });
    const reportSettings = await readReportSettings(values['report-settings'], settings.file);
    const open = await unlockRegister(settings, values['passphrase-file'], io);
    try {
      const { employer } = findEmployer(settings, open, values.mailbox);
      const spec = buildHoursSpec(open.register, employer, values.month, reportSettings);
      await emit(format === 'csv' ? hoursSpecCsv(spec, lang) : hoursSpecHtml(spec, lang), values.out, io, lang);
      return 0;
    } finally {
      open.close();
    }
  },
});
