/** The words of the reports screen (vp-reports), Dutch first. Kept apart from messages.ts: issue #13's own. */
import type { Lang } from './messages.js';

const nl = {
  nav: 'Verslagen',
  heading: 'Jaarverslag en urenspecificatie',
  intro: 'Het jaarverslag en de urenspecificatie bevatten alleen totalen: geen namen, kenmerken of data fijner dan een kwartaal. Kleine aantallen worden verborgen.',
  employer: 'Werkgever',
  noMailboxes: 'Er zijn nog geen mailboxen. Voeg er een toe bij Instellingen.',
  yearly: 'Jaarverslag',
  year: 'Jaar',
  yearHint: 'Bijvoorbeeld 2026.',
  text: 'Jouw tekst over trends en advies',
  textHint: 'Staat onderaan het jaarverslag. Schrijf geen namen of details die iemand herkenbaar maken. Eerdere versies blijven bewaard.',
  saveText: 'Tekst opslaan',
  saved: 'De tekst is opgeslagen.',
  openReport: 'Jaarverslag openen (afdrukken of opslaan als pdf)',
  csv: 'Aantallen als CSV',
  hours: 'Urenspecificatie',
  month: 'Maand',
  monthHint: 'Bijvoorbeeld 2026-03.',
  openHours: 'Urenspecificatie openen',
  badYear: 'Vul een jaar in, zoals 2026.',
  badMonth: 'Vul een maand in, zoals 2026-03.',
  failed: 'Dat lukte niet. Er is niets veranderd.',
  newWindow: '(opent in een nieuw venster)',
};

const en: typeof nl = {
  nav: 'Reports',
  heading: 'Yearly report and hours specification',
  intro: 'The yearly report and the hours specification hold totals only: no names, references or dates finer than a quarter. Small numbers are hidden.',
  employer: 'Employer',
  noMailboxes: 'There are no mailboxes yet. Add one under Settings.',
  yearly: 'Yearly report',
  year: 'Year',
  yearHint: 'For example 2026.',
  text: 'Your text on trends and advice',
  textHint: 'Shown at the end of the yearly report. Write no names or details that make anyone recognisable. Earlier versions are kept.',
  saveText: 'Save text',
  saved: 'The text is saved.',
  openReport: 'Open the yearly report (print it or save it as PDF)',
  csv: 'Numbers as CSV',
  hours: 'Hours specification',
  month: 'Month',
  monthHint: 'For example 2026-03.',
  openHours: 'Open the hours specification',
  badYear: 'Enter a year, such as 2026.',
  badMonth: 'Enter a month, such as 2026-03.',
  failed: 'That did not work. Nothing was changed.',
  newWindow: '(opens in a new window)',
};

export const reportMessages: Record<Lang, typeof nl> = { nl, en };
