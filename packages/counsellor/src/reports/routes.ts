/**
 * The reports in the workplace (mounted at /api/reports by app.ts): the yearly report and the hours
 * specification as pages (their CSS from here: the CSP allows no inline style) or CSV, the
 * counsellor's text on trends and advice, and the registration suggested by a case's request.
 * All answer 409 locked while the register is locked, like every other route.
 */
import { Hono } from 'hono';
import * as v from 'valibot';
import { UNSAFE_IN_TEXT } from '@vp-contact/protocol/http';
import { parseBody } from '../workplace/case-file.js';
import { WorkplaceError } from '../workplace/errors.js';
import type { Session } from '../workplace/session.js';
import { findEmployer } from './employer.js';
import { buildHoursSpec, MONTH_PATTERN } from './hours.js';
import { hoursSpecCsv, hoursSpecHtml, REPORT_CSS, yearlyReportCsv, yearlyReportHtml } from './render.js';
import { readReportSettings } from './report-settings.js';
import { rowsFromRegister, suggestRegistration } from './rows.js';
import { buildYearlyReport } from './yearly.js';

export const REPORT_TEXT_MAX_LENGTH = 10_000;
const CSS_PATH = '/api/reports/report.css';

const year = v.pipe(v.string('must be text'), v.regex(/^\d{4}$/, 'must be a year such as 2026'), v.transform(Number), v.minValue(2000, 'must be 2000 or later'), v.maxValue(2100, 'must be 2100 or earlier'));
const mailbox = v.pipe(v.string('must be text'), v.minLength(1, 'must not be empty'), v.maxLength(200, 'must be at most 200 characters'));
const lang = v.optional(v.picklist(['nl', 'en'] as const, 'must be nl or en'));
const YearlyQuery = v.object({ mailbox, year, lang, format: v.optional(v.picklist(['html', 'csv'] as const, 'must be html or csv'), 'html') });
const HoursQuery = v.object({ mailbox, month: v.pipe(v.string('must be text'), v.regex(MONTH_PATTERN, 'must be a month such as 2026-03')), lang, format: v.optional(v.picklist(['html', 'csv'] as const, 'must be html or csv'), 'html') });
const TextQuery = v.object({ mailbox, year });
const TextBody = v.strictObject({
  mailbox,
  year: v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(2000, 'must be 2000 or later'), v.maxValue(2100, 'must be 2100 or earlier')),
  text: v.pipe(
    v.string('must be text'),
    v.maxLength(REPORT_TEXT_MAX_LENGTH, `must be at most ${REPORT_TEXT_MAX_LENGTH} characters`),
    v.check((s) => !UNSAFE_IN_TEXT.test(s), 'must not contain control characters (other than tabs and line breaks)'),
  ),
});

export function reportRoutes(session: Session): Hono {
  const routes = new Hono();
  const settings = () => readReportSettings(undefined, session.settings.file);

  routes.get('/report.css', (c) => c.body(REPORT_CSS, 200, { 'content-type': 'text/css; charset=utf-8' }));

  routes.get('/yearly', async (c) => {
    const { register } = session.open;
    const q = parseBody(YearlyQuery, c.req.query());
    const { employer } = findEmployer(session.settings, register, q.mailbox);
    const report = buildYearlyReport({ employer, year: q.year, rows: rowsFromRegister(register, employer, q.year), settings: await settings(), text: register.reportText(employer, q.year)?.text ?? null });
    const l = q.lang ?? session.settings.lang;
    if (q.format === 'csv') return c.body(yearlyReportCsv(report, l), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="jaarverslag-${q.year}.csv"` });
    return c.html(yearlyReportHtml(report, l, CSS_PATH));
  });

  routes.get('/hours', async (c) => {
    const { register } = session.open;
    const q = parseBody(HoursQuery, c.req.query());
    const { employer } = findEmployer(session.settings, register, q.mailbox);
    const spec = buildHoursSpec(register, employer, q.month, await settings());
    const l = q.lang ?? session.settings.lang;
    if (q.format === 'csv') return c.body(hoursSpecCsv(spec, l), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="uren-${q.month}.csv"` });
    return c.html(hoursSpecHtml(spec, l, CSS_PATH));
  });

  routes.get('/text', (c) => {
    const { register } = session.open;
    const q = parseBody(TextQuery, c.req.query());
    const { employer } = findEmployer(session.settings, register, q.mailbox);
    return c.json(register.reportText(employer, q.year) ?? { text: '', at: null });
  });

  routes.put('/text', async (c) => {
    const { register } = session.open;
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new WorkplaceError('invalid', 'The body is not valid JSON.');
    }
    const input = parseBody(TextBody, body);
    const { employer } = findEmployer(session.settings, register, input.mailbox);
    register.addReportText(employer, input.year, session.now().toISOString(), input.text.trim());
    return c.json(register.reportText(employer, input.year));
  });

  routes.get('/registration-suggestion/:id', (c) => {
    const { register } = session.open;
    const id = Number(c.req.param('id'));
    const row = Number.isSafeInteger(id) ? register.case(id) : null;
    if (!row) throw new WorkplaceError('not-found', `There is no case ${c.req.param('id')}.`);
    return c.json({ suggestion: suggestRegistration(row.request) });
  });

  return routes;
}
