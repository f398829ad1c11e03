// report, hours and demo-data as the counsellor runs them: the built CLI as a child process, a
// real encrypted register, Debian's Chromium for the PDF and poppler's pdftotext to read it back.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKeys, tempDir, type Keys } from '@vp-contact/test-kit';
import { runCli, writeSecret } from '../test-support/fixtures.js';
import { PASSPHRASE, writeWorkplaceSettings } from '../test-support/workplace.js';

const temp = tempDir('vp-reports-cli-');
let key: Keys;
let settings: string;
const YEAR = '2025';
const passphraseFile = join(temp.dir, 'passphrase');

function run(...args: string[]) {
  return runCli([...args, '--config', settings, '--passphrase-file', passphraseFile, '--lang', 'en']);
}

/** The CSV as { "section/key": value } (and the labels, for finding the rows in the PDF). */
const labels = new Map<string, string>();
function parseCsv(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of text.trim().split(/\r?\n/).slice(1)) {
    const [section, keyName, label, value] = line.split(',');
    map.set(`${section}/${keyName}`, value!);
    labels.set(`${section}/${keyName}`, label!);
  }
  return map;
}

beforeAll(async () => {
  key = await makeKeys();
  writeSecret(passphraseFile, `${PASSPHRASE}\n`);
  settings = writeWorkplaceSettings(temp.dir, key, []);
  const filled = await run('demo-data', '--cases', '400', '--year', YEAR);
  expect(filled.stderr).toBe('');
  expect(filled.code).toBe(0);
}, 120_000);

afterAll(() => temp.remove());

describe('vp-counsellor report and hours', () => {
  it('writes the yearly report as CSV, and a PDF (through Chromium) with the same numbers as text', async () => {
    const csv = await run('report', '--mailbox', 'voorbeeld@demo.invalid', '--year', YEAR, '--format', 'csv');
    expect(csv.code).toBe(0);
    const numbers = parseCsv(csv.stdout);
    const cases = Number(numbers.get('totals/cases'));
    expect(cases).toBeGreaterThan(50);
    const pdfFile = join(temp.dir, 'report.pdf');
    const pdf = await run('report', '--mailbox', 'voorbeeld', '--year', YEAR, '--format', 'pdf', '--out', pdfFile);
    expect(pdf.stderr).toContain('Wrote');
    expect(pdf.code).toBe(0);
    expect(readFileSync(pdfFile).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
    expect(text).toContain(`yearly report ${YEAR}: Voorbeeld B.V.`);
    // Every row of the CSV (a number, "fewer than 5" or "hidden") is in the PDF's text beside its label.
    let checked = 0;
    for (const [cell, value] of numbers) {
      if (cell === 'totals/hours' || cell.startsWith('units/') || cell.startsWith('regions/')) continue;
      const label = labels.get(cell)!.replace(/[()]/g, '.');
      expect(text, cell).toMatch(new RegExp(`${label}\\s+${value.replace(/ /g, '\\s+')}\\n`));
      checked++;
    }
    expect(checked).toBeGreaterThan(25);
    expect(text).toMatch(new RegExp(`Cases\\s+${cases}`));
    expect(text).toMatch(new RegExp(`Hours\\s+${numbers.get('totals/hours')!.replace('.', '\\.')}`));
  }, 120_000);

  it('writes the hours specification in CSV and HTML, with nothing personal', async () => {
    const csv = await run('hours', '--mailbox', 'voorbeeld', '--month', `${YEAR}-03`, '--format', 'csv');
    expect(csv.code).toBe(0);
    const n = parseCsv(csv.stdout);
    const units = [...n].filter(([k]) => k.startsWith('unit-hours/')).reduce((s, [, v]) => s + Number(v), 0);
    expect(units).toBeCloseTo(Number(n.get('totals/worked-hours')), 5);
    expect(Number(n.get('totals/billed-hours'))).toBeCloseTo(Number(n.get('totals/worked-hours')) + Number(n.get('totals/no-show-hours')), 5);
    expect(Number(n.get('totals/no-show-hours'))).toBe(Math.ceil((Number(n.get('totals/no-shows')) * 60 * 0.5) / 15) * 0.25);
    const html = await runCli(['hours', '--mailbox', 'voorbeeld', '--month', `${YEAR}-03`, '--config', settings, '--passphrase-file', passphraseFile, '--lang', 'nl']);
    expect(html.code).toBe(0);
    expect(html.stdout).toContain('<html lang="nl">');
    expect(html.stdout).not.toMatch(/demo-\d+@|[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}|\d{4}-\d{2}-\d{2}/);
  }, 60_000);

  it('bad input gets one clear line, exit 1 or 2, and changes nothing', async () => {
    const out = join(temp.dir, 'empty-year.pdf');
    const empty = await run('report', '--mailbox', 'voorbeeld', '--year', '2031', '--format', 'pdf', '--out', out);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/no registered cases of Voorbeeld B\.V\. in 2031/);
    expect(existsSync(out)).toBe(false);
    const unknown = await run('report', '--mailbox', 'onbekend', '--year', YEAR);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no employer with the mailbox "onbekend"/);
    const month = await run('hours', '--mailbox', 'voorbeeld', '--month', '2025-13');
    expect(month.code).toBe(2);
    expect(month.stderr).toMatch(/--month must be a month such as 2026-03/);
    const pdfToTerminal = await run('report', '--mailbox', 'voorbeeld', '--year', YEAR, '--format', 'pdf');
    expect(pdfToTerminal.code).toBe(2);
  }, 60_000);

  it('exports to a coordinator, who imports it into one report; the text typed with --text-file is kept', async () => {
    const coordinatorDir = tempDir('vp-reports-coordinator-');
    try {
      const coordinator = await makeKeys({ email: 'coordinator@voorbeeld.example' });
      writeSecret(join(coordinatorDir.dir, 'anna.asc'), key.publicKey);
      writeSecret(join(coordinatorDir.dir, 'coordinator.asc'), coordinator.publicKey);
      const coordinatorSettings = writeWorkplaceSettings(coordinatorDir.dir, coordinator, [], {
        colleagues: [{ name: 'Anna', publicKey: 'anna.asc', relay: 'https://relay.voorbeeld.example', mailbox: 'anna' }],
      });
      const exportFile = join(temp.dir, 'export-anna.asc');
      const exported = await run('report', 'export', '--to', join(coordinatorDir.dir, 'coordinator.asc'), '--mailbox', 'voorbeeld', '--year', YEAR, '--out', exportFile);
      expect(exported.code).toBe(0);
      expect(exported.stderr).toMatch(/registration row\(s\) to .*encrypted to the coordinator/);
      const own = parseCsv((await run('report', '--mailbox', 'voorbeeld', '--year', YEAR, '--format', 'csv')).stdout);
      const textFile = join(coordinatorDir.dir, 'tekst.txt');
      writeSecret(textFile, 'Meer vragen over werkdruk.\n');
      const imported = await runCli(['report', '--import', exportFile, '--format', 'html', '--text-file', textFile, '--config', coordinatorSettings, '--passphrase-file', passphraseFile, '--lang', 'en']);
      expect(imported.stderr).toBe('');
      expect(imported.code).toBe(0);
      expect(imported.stdout).toMatch(new RegExp(`<th scope="row">Cases</th><td class="number">${own.get('totals/cases')}</td>`));
      expect(imported.stdout).toContain('Meer vragen over werkdruk.');
      // The export is not for this counsellor's own key: refused in one line, nothing written.
      const out = join(temp.dir, 'not-mine.csv');
      const refused = await run('report', '--import', exportFile, '--format', 'csv', '--out', out);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/export-anna\.asc is encrypted to another coordinator's key/);
      expect(existsSync(out)).toBe(false);
    } finally {
      coordinatorDir.remove();
    }
  }, 120_000);

  it('demo-data refuses a register that holds a real case', async () => {
    const other = tempDir('vp-reports-real-');
    try {
      const realSettings = writeWorkplaceSettings(other.dir, key, []);
      // A register with one real case, made through the register itself.
      const { openRegisterWith } = await import('./open-register.js');
      const { readWorkplaceSettings } = await import('../workplace/settings.js');
      const open = await openRegisterWith(await readWorkplaceSettings(realSettings), PASSPHRASE);
      open.register.createCase({
        mailboxId: 'voorbeeld@relay.voorbeeld.example',
        employer: 'Voorbeeld B.V.',
        requestId: 'r1',
        receivedAt: '2026-01-05T09:00:00.000Z',
        request: { version: 1, reference: 'K7P-4QX', submittedAt: '2026-01-05T09:00:00.000Z', language: 'nl', contact: { phone: '+31 20 000 0000' } } as never,
        responseHours: 48,
        at: '2026-01-05T09:00:00.000Z',
      });
      open.close();
      const refused = await runCli(['demo-data', '--cases', '5', '--config', realSettings, '--passphrase-file', passphraseFile, '--lang', 'en']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/holds real cases/);
      const again = await openRegisterWith(await readWorkplaceSettings(realSettings), PASSPHRASE);
      expect(again.register.counts().cases).toBe(1);
      again.close();
    } finally {
      other.remove();
    }
  }, 60_000);
});
