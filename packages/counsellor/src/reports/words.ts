/** The report's own words (headings, notes), Dutch first. The category labels are in vocabulary.ts. */
import type { Lang } from './vocabulary.js';

export const reportWords = {
  nl: {
    title: (employer: string, year: number) => `Jaarverslag vertrouwenspersoon ${year}: ${employer}`,
    intro:
      'Dit verslag telt de contacten met de externe vertrouwenspersoon in dit jaar. Het bevat alleen totalen: geen namen, geen kenmerken en geen data fijner dan een kwartaal. Kleine aantallen staan er niet in, zodat niemand herkenbaar is.',
    totals: 'Totalen',
    cases: 'Meldingen (casussen)',
    contacts: 'Contacten',
    hours: 'Uren',
    fewerThan: (n: number) => `minder dan ${n}`,
    hidden: 'verborgen',
    withheld: 'Niet getoond: er zijn te weinig meldingen om deze verdeling veilig te laten zien.',
    suppressionNote: (n: number) =>
      `Een aantal onder de ${n} staat er als "minder dan ${n}". Waar zo'n aantal uit de andere aantallen en het totaal terug te rekenen zou zijn, is ook een tweede aantal verborgen ("verborgen"). Onderdelen en regio's met weinig medewerkers vallen onder "overige onderdelen".`,
    multiNote: 'Een melding kan over meer dan één onderwerp gaan en meer dan één soort steun krijgen: deze aantallen tellen niet op tot het totaal.',
    tables: {
      categories: 'Onderwerpen',
      support: 'Soort steun',
      outcomes: 'Afloop',
      roles: 'Wie meldde',
      units: 'Per onderdeel',
      regions: 'Per regio',
      quarters: 'Per kwartaal',
    },
    column: 'Aantal',
    other: 'Overige onderdelen',
    otherRegions: "Overige regio's",
    quarter: (q: string) => `Kwartaal ${q}`,
    text: 'Trends en advies van de vertrouwenspersoon',
    noText: 'De vertrouwenspersoon heeft nog geen tekst over trends en advies geschreven.',
    sources: (n: number) => `Samengesteld uit de registraties van ${n} vertrouwenspersonen; een doorgestuurde melding telt één keer.`,
    notLegal: 'Een vertrouwenspersoon belooft geen absolute geheimhouding; zie de toelichting bij de dienst.',
    hoursTitle: (employer: string, month: string) => `Urenspecificatie ${month}: ${employer}`,
    hoursIntro: 'Specificatie bij de factuur van deze maand. Zonder namen, kenmerken, data van afspraken of onderwerpen.',
    unit: 'Onderdeel',
    hoursCol: 'Uren',
    workedTotal: 'Gewerkte uren',
    casesWorkedOn: 'Meldingen waaraan gewerkt is',
    appointmentsHeld: 'Gehouden afspraken',
    noShows: 'Niet nagekomen afspraken',
    noShowHours: (share: number, minutes: number) => `In rekening gebracht voor niet nagekomen afspraken (${Math.round(share * 100)}% van ${minutes} minuten)`,
    billed: 'Totaal te factureren uren',
  },
  en: {
    title: (employer: string, year: number) => `Confidential counsellor's yearly report ${year}: ${employer}`,
    intro:
      'This report counts the contacts with the external confidential counsellor this year. It holds totals only: no names, no references and no dates finer than a quarter. Small numbers are left out, so that nobody can be recognised.',
    totals: 'Totals',
    cases: 'Cases',
    contacts: 'Contacts',
    hours: 'Hours',
    fewerThan: (n: number) => `fewer than ${n}`,
    hidden: 'hidden',
    withheld: 'Not shown: there are too few cases to show this breakdown safely.',
    suppressionNote: (n: number) =>
      `A count below ${n} is shown as "fewer than ${n}". Where such a count could be worked out from the other counts and the total, a second count is hidden too ("hidden"). Units and regions with few employees are counted under "other units".`,
    multiNote: 'A case can be about more than one topic and get more than one kind of support: these counts do not add up to the total.',
    tables: {
      categories: 'Topics',
      support: 'Kind of support',
      outcomes: 'Outcome',
      roles: 'Who asked',
      units: 'By unit',
      regions: 'By region',
      quarters: 'By quarter',
    },
    column: 'Number',
    other: 'Other units',
    otherRegions: 'Other regions',
    quarter: (q: string) => `Quarter ${q}`,
    text: "The counsellor's trends and advice",
    noText: 'The counsellor has not written a text on trends and advice yet.',
    sources: (n: number) => `Made from the registrations of ${n} counsellors; a forwarded case counts once.`,
    notLegal: 'A confidential counsellor does not promise absolute confidentiality; see the description of the service.',
    hoursTitle: (employer: string, month: string) => `Hours specification ${month}: ${employer}`,
    hoursIntro: "This month's invoice specification. No names, references, dates of appointments or topics.",
    unit: 'Unit',
    hoursCol: 'Hours',
    workedTotal: 'Hours worked',
    casesWorkedOn: 'Cases worked on',
    appointmentsHeld: 'Appointments held',
    noShows: 'Appointments missed (no-show)',
    noShowHours: (share: number, minutes: number) => `Charged for missed appointments (${Math.round(share * 100)}% of ${minutes} minutes)`,
    billed: 'Total hours to invoice',
  },
} as const satisfies Record<Lang, unknown>;

/** Hours to the quarter hour, in the language's number format (1,25 / 1.25). */
export function formatHours(hours: number, lang: Lang): string {
  return hours.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false });
}
