/**
 * The report and the hours specification as an HTML page (screen and A4 print) and as CSV. The
 * page needs nothing from outside: its styles are in one <style> element (for the PDF and the
 * saved file) or served as report.css (the workplace's CSP allows no inline style).
 */
import type { HoursSpec } from './hours.js';
import { CATEGORY_LABELS, label, OUTCOME_LABELS, ROLE_LABELS, SUPPORT_LABELS, type Lang } from './vocabulary.js';
import { formatHours, reportWords } from './words.js';
import { OTHER, type ReportTable, type TableName, type YearlyReport } from './yearly.js';
import type { ProtectedCell } from './suppression.js';

export const REPORT_CSS = `
:root { color: #1a1a1a; background: #fff; font-family: "Segoe UI", Arial, sans-serif; line-height: 1.5; }
body { margin: 0; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 0.75rem; }
h2 { font-size: 1.2rem; margin: 1.75rem 0 0.5rem; }
p { margin: 0.5rem 0; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.25rem; }
th, td { border-bottom: 1px solid #6b6b6b; padding: 0.3rem 0.5rem; text-align: left; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
.suppressed { font-style: italic; }
.note { font-size: 0.9rem; color: #3d3d3d; }
.counsellor-text { white-space: pre-wrap; border-left: 4px solid #1f4e79; padding-left: 0.75rem; }
section { break-inside: avoid; }
@page { size: A4; margin: 18mm 16mm; }
@media print {
  :root { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  table, tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** cssHref: where the styles are served (the workplace: its CSP allows no inline style); null: inline (a saved file, the PDF). */
function page(lang: Lang, title: string, body: string, cssHref: string | null): string {
  const style = cssHref === null ? `<style>${REPORT_CSS}</style>` : `<link rel="stylesheet" href="${escapeHtml(cssHref)}">`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
${style}
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** A row's label in the report's language. */
function cellLabel(table: TableName, key: string, lang: Lang): string {
  const w = reportWords[lang];
  switch (table) {
    case 'categories':
      return label(CATEGORY_LABELS, lang, key);
    case 'support':
      return label(SUPPORT_LABELS, lang, key);
    case 'outcomes':
      return label(OUTCOME_LABELS, lang, key);
    case 'roles':
      return label(ROLE_LABELS, lang, key);
    case 'quarters':
      return w.quarter(key);
    case 'units':
      return key === OTHER ? w.other : key;
    case 'regions':
      return key === OTHER ? w.otherRegions : key;
  }
}

/** What a cell shows: its number, "fewer than N" or "hidden". The one place a count becomes text. */
export function cellText(cell: ProtectedCell, threshold: number, lang: Lang): string {
  const w = reportWords[lang];
  if (cell.suppressed === 'primary') return w.fewerThan(threshold);
  if (cell.suppressed === 'complementary') return w.hidden;
  return String(cell.value);
}

function tableHtml(t: ReportTable, report: YearlyReport, lang: Lang): string {
  const w = reportWords[lang];
  const heading = w.tables[t.name];
  const id = `table-${t.name}`;
  if (t.withheld) return `<section aria-labelledby="${id}"><h2 id="${id}">${escapeHtml(heading)}</h2><p>${escapeHtml(w.withheld)}</p></section>`;
  const rows = t.cells
    .map((c) => {
      const text = cellText(c, report.threshold, lang);
      return `<tr><th scope="row">${escapeHtml(cellLabel(t.name, c.key, lang))}</th><td class="number${c.suppressed ? ' suppressed' : ''}">${escapeHtml(text)}</td></tr>`;
    })
    .join('\n');
  const note = t.rule.oneCellPerCase ? '' : `<p class="note">${escapeHtml(w.multiNote)}</p>`;
  return `<section aria-labelledby="${id}"><h2 id="${id}">${escapeHtml(heading)}</h2>
<table><thead><tr><th scope="col">${escapeHtml(heading)}</th><th scope="col" class="number">${escapeHtml(w.column)}</th></tr></thead>
<tbody>
${rows}
</tbody></table>${note}</section>`;
}

export function yearlyReportHtml(report: YearlyReport, lang: Lang, cssHref: string | null = null): string {
  const w = reportWords[lang];
  const title = w.title(report.employer, report.year);
  const cases = report.cases === null ? w.fewerThan(report.threshold) : String(report.cases);
  const body = `<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(w.intro)}</p>
<section aria-labelledby="totals"><h2 id="totals">${escapeHtml(w.totals)}</h2>
<table><tbody>
<tr><th scope="row">${escapeHtml(w.cases)}</th><td class="number">${escapeHtml(cases)}</td></tr>
<tr><th scope="row">${escapeHtml(w.contacts)}</th><td class="number">${report.contacts}</td></tr>
<tr><th scope="row">${escapeHtml(w.hours)}</th><td class="number">${escapeHtml(formatHours(report.hours, lang))}</td></tr>
</tbody></table>
${report.sources > 1 ? `<p class="note">${escapeHtml(w.sources(report.sources))}</p>` : ''}
</section>
${report.tables.map((t) => tableHtml(t, report, lang)).join('\n')}
<section aria-labelledby="advice"><h2 id="advice">${escapeHtml(w.text)}</h2>
${report.text ? `<p class="counsellor-text">${escapeHtml(report.text)}</p>` : `<p>${escapeHtml(w.noText)}</p>`}
</section>
<p class="note">${escapeHtml(w.suppressionNote(report.threshold))}</p>
<p class="note">${escapeHtml(w.notLegal)}</p>`;
  return page(lang, title, body, cssHref);
}

function csvField(text: string): string {
  // A leading = + - @ would make a spreadsheet run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** section,key,label,value: value is the number, or the same words the page shows. */
export function yearlyReportCsv(report: YearlyReport, lang: Lang): string {
  const w = reportWords[lang];
  const lines: string[][] = [['section', 'key', 'label', 'value']];
  lines.push(['totals', 'cases', w.cases, report.cases === null ? w.fewerThan(report.threshold) : String(report.cases)]);
  lines.push(['totals', 'contacts', w.contacts, String(report.contacts)]);
  lines.push(['totals', 'hours', w.hours, report.hours.toFixed(2)]);
  for (const t of report.tables) {
    if (t.withheld) {
      lines.push([t.name, '', w.tables[t.name], w.withheld]);
      continue;
    }
    for (const c of t.cells) lines.push([t.name, c.key, cellLabel(t.name, c.key, lang), cellText(c, report.threshold, lang)]);
  }
  return `${lines.map((l) => l.map(csvField).join(',')).join('\n')}\n`;
}

export function hoursSpecHtml(spec: HoursSpec, lang: Lang, cssHref: string | null = null): string {
  const w = reportWords[lang];
  const title = w.hoursTitle(spec.employer, spec.month);
  const rows = spec.units
    .map((u) => `<tr><th scope="row">${escapeHtml(u.key === OTHER ? w.other : u.key)}</th><td class="number">${escapeHtml(formatHours(u.minutes / 60, lang))}</td></tr>`)
    .join('\n');
  const body = `<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(w.hoursIntro)}</p>
<table><caption>${escapeHtml(w.workedTotal)}</caption>
<thead><tr><th scope="col">${escapeHtml(w.unit)}</th><th scope="col" class="number">${escapeHtml(w.hoursCol)}</th></tr></thead>
<tbody>
${rows}
<tr><th scope="row">${escapeHtml(w.workedTotal)}</th><td class="number">${escapeHtml(formatHours(spec.workedMinutes / 60, lang))}</td></tr>
</tbody></table>
<table><tbody>
<tr><th scope="row">${escapeHtml(w.casesWorkedOn)}</th><td class="number">${spec.casesWorkedOn}</td></tr>
<tr><th scope="row">${escapeHtml(w.appointmentsHeld)}</th><td class="number">${spec.appointmentsHeld}</td></tr>
<tr><th scope="row">${escapeHtml(w.noShows)}</th><td class="number">${spec.noShows}</td></tr>
<tr><th scope="row">${escapeHtml(w.noShowHours(spec.noShowShare, spec.appointmentMinutes))}</th><td class="number">${escapeHtml(formatHours(spec.noShowMinutes / 60, lang))}</td></tr>
<tr><th scope="row">${escapeHtml(w.billed)}</th><td class="number">${escapeHtml(formatHours(spec.billedMinutes / 60, lang))}</td></tr>
</tbody></table>`;
  return page(lang, title, body, cssHref);
}

export function hoursSpecCsv(spec: HoursSpec, lang: Lang): string {
  const w = reportWords[lang];
  const lines: string[][] = [['section', 'key', 'label', 'value']];
  for (const u of spec.units) lines.push(['unit-hours', u.key, u.key === OTHER ? w.other : u.key, (u.minutes / 60).toFixed(2)]);
  lines.push(['totals', 'worked-hours', w.workedTotal, (spec.workedMinutes / 60).toFixed(2)]);
  lines.push(['totals', 'cases-worked-on', w.casesWorkedOn, String(spec.casesWorkedOn)]);
  lines.push(['totals', 'appointments-held', w.appointmentsHeld, String(spec.appointmentsHeld)]);
  lines.push(['totals', 'no-shows', w.noShows, String(spec.noShows)]);
  lines.push(['totals', 'no-show-hours', w.noShowHours(spec.noShowShare, spec.appointmentMinutes), (spec.noShowMinutes / 60).toFixed(2)]);
  lines.push(['totals', 'billed-hours', w.billed, (spec.billedMinutes / 60).toFixed(2)]);
  return `${lines.map((l) => l.map(csvField).join(',')).join('\n')}\n`;
}
