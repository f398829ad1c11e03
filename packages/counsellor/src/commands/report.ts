import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import * as openpgp from 'openpgp';
import { UNSAFE_IN_TEXT } from '@vp-contact/protocol/http';
import { htmlToPdf } from '../reports/pdf.js';
import { readReportSettings } from '../reports/report-settings.js';
import { yearlyReportCsv, yearlyReportHtml } from '../reports/render.js';
import { rowsFromRegister } from '../reports/rows.js';
import { importExports, readCoordinatorKey, writeExport } from '../reports/team.js';
import { buildYearlyReport, type YearlyReport } from '../reports/yearly.js';
import { REPORT_TEXT_MAX_LENGTH } from '../reports/routes.js';
import { WorkplaceError } from '../workplace/errors.js';
import { findWorkplaceSettings } from '../workplace/settings.js';
import { defineCommand } from './define-command.js';
import { emit, findEmployer, parseFormat, parseYear, UNLOCK_OPTIONS, unlockRegister } from './report-common.js';
import { reportCliWords } from './report-words.js';
import { UsageError } from './usage-error.js';

async function readText(file: string, lang: 'nl' | 'en'): Promise<string> {
  const w = reportCliWords[lang];
  let text: string;
  try {
    text = (await readFile(file, 'utf8')).trim();
  } catch (cause) {
    throw new WorkplaceError('invalid', `The text file ${file} could not be read: ${(cause as Error).message}.`, undefined, { cause });
  }
  if (text.length > REPORT_TEXT_MAX_LENGTH) throw new WorkplaceError('invalid', w.textTooLong(REPORT_TEXT_MAX_LENGTH));
  if (UNSAFE_IN_TEXT.test(text)) throw new WorkplaceError('invalid', w.textUnsafe);
  return text;
}

async function render(report: YearlyReport, format: 'csv' | 'html' | 'pdf', lang: 'nl' | 'en', env: NodeJS.ProcessEnv): Promise<string | Uint8Array> {
  if (format === 'csv') return yearlyReportCsv(report, lang);
  const html = yearlyReportHtml(report, lang);
  return format === 'html' ? html : htmlToPdf(html, env);
}

export const report = defineCommand({
  name: 'report',
  settings: 'workplace',
  positionals: true,
  options: {
    ...UNLOCK_OPTIONS,
    mailbox: { type: 'string' },
    year: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    to: { type: 'string' },
    import: { type: 'string', multiple: true },
    'text-file': { type: 'string' },
  },
  async run({ values, positionals, settings: s, io }) {
    const lang = s.lang;
    const w = reportCliWords[lang];
    const [word, ...more] = positionals;
    if (word !== undefined && word !== 'export') throw new UsageError('badOption', [w.unknownWord(word)]);
    if (more.length > 0) throw new UsageError('badOption', [w.unknownWord(more[0]!)]);
    const imports = values.import ?? [];
    if (word === 'export' && imports.length > 0) throw new UsageError('badOption', [w.exportOrImport]);

    if (word === 'export') {
      if (!values.to) throw new UsageError('badOption', [w.to]);
      if (!values.mailbox) throw new UsageError('badOption', [w.mailbox]);
      if (!values.out) throw new UsageError('badOption', [w.out]);
      const year = parseYear(values.year, lang);
      let armoredKey: string;
      try {
        armoredKey = await readFile(values.to, 'utf8');
      } catch (cause) {
        throw new WorkplaceError('invalid', `The coordinator's key ${values.to} could not be read: ${(cause as Error).message}.`, undefined, { cause });
      }
      const coordinatorKey = await readCoordinatorKey(armoredKey, values.to);
      const settings = await findWorkplaceSettings({ config: values.config, env: io.env });
      const open = await unlockRegister(settings, values['passphrase-file'], io);
      try {
        const { employer } = findEmployer(settings, open, values.mailbox);
        const rows = rowsFromRegister(open.register, employer, year);
        if (rows.length === 0) throw new WorkplaceError('not-found', `There are no registered cases of ${employer} in ${year}: there is nothing to export.`);
        const armored = await writeExport({ employer, year, rows, coordinatorKey, signingKey: open.privateKey });
        await emit(armored, values.out, io, lang);
        io.stderr.write(`${w.exported(values.out, rows.length)}\n`);
        return 0;
      } finally {
        open.close();
      }
    }

    const format = parseFormat(values.format, ['csv', 'html', 'pdf'] as const, lang);
    if (format === 'pdf' && !values.out) throw new UsageError('badOption', [w.out]);
    const settings = await findWorkplaceSettings({ config: values.config, env: io.env });
    const reportSettings = await readReportSettings(values['report-settings'], settings.file);

    if (imports.length > 0) {
      if (values.mailbox) throw new UsageError('badOption', [w.importFormat]);
      const files = await Promise.all(
        imports.map(async (file) => {
          try {
            return { name: basename(file), armored: await readFile(file, 'utf8') };
          } catch (cause) {
            throw new WorkplaceError('invalid', `The export ${file} could not be read: ${(cause as Error).message}.`, undefined, { cause });
          }
        }),
      );
      // The counsellors whose exports count: the colleagues in the settings, and the coordinator.
      const verificationKeys: openpgp.PublicKey[] = [];
      for (const colleague of settings.colleagues) {
        try {
          verificationKeys.push(await openpgp.readKey({ armoredKey: await readFile(colleague.publicKey, 'utf8') }));
        } catch (cause) {
          throw new WorkplaceError('settings-invalid', `The public key of ${colleague.name} (${colleague.publicKey}) cannot be used: ${(cause as Error).message}`);
        }
      }
      const open = await unlockRegister(settings, values['passphrase-file'], io);
      try {
        verificationKeys.push(open.privateKey.toPublic());
        const merged = await importExports(files, open.privateKey, verificationKeys);
        const text = values['text-file'] ? await readText(values['text-file'], lang) : (open.register.reportText(merged.employer, merged.year)?.text ?? null);
        const result = buildYearlyReport({ ...merged, settings: reportSettings, text });
        const content = await render(result, format, lang, io.env);
        if (values['text-file']) open.register.addReportText(merged.employer, merged.year, new Date().toISOString(), text!);
        await emit(content, values.out, io, lang);
        return 0;
      } finally {
        open.close();
      }
    }

    if (!values.mailbox) throw new UsageError('badOption', [w.mailbox]);
    const year = parseYear(values.year, lang);
    const newText = values['text-file'] ? await readText(values['text-file'], lang) : null;
    const open = await unlockRegister(settings, values['passphrase-file'], io);
    try {
      const { employer } = findEmployer(settings, open, values.mailbox);
      const text = newText ?? open.register.reportText(employer, year)?.text ?? null;
      const result = buildYearlyReport({ employer, year, rows: rowsFromRegister(open.register, employer, year), settings: reportSettings, text });
      const content = await render(result, format, lang, io.env);
      // Stored only once the report could be made: a failed report changes nothing.
      if (newText !== null) {
        open.register.addReportText(employer, year, new Date().toISOString(), newText);
        io.stderr.write(`${w.textStored}\n`);
      }
      await emit(content, values.out, io, lang);
      return 0;
    } finally {
      open.close();
    }
  },
});
