/**
 * The words of registration and reports, in Dutch and English. The lists themselves live in
 * workplace/case-file.ts (the register checks them); here they get the labels an employer reads.
 * The categories follow the registration practice of Dutch providers and the professional
 * association of vertrouwenspersonen (see packages/counsellor/docs/reports.md, "Source").
 */
import { CATEGORIES, OUTCOMES, REPORTER_ROLES, SUPPORT_KINDS } from '../workplace/case-file.js';

export type Lang = 'nl' | 'en';
export type Category = (typeof CATEGORIES)[number];
export type SupportKind = (typeof SUPPORT_KINDS)[number];
export type Outcome = (typeof OUTCOMES)[number];
export type ReporterRole = (typeof REPORTER_ROLES)[number];

export { CATEGORIES, OUTCOMES, REPORTER_ROLES, SUPPORT_KINDS };

type Labels<K extends string> = Record<Lang, Record<K, string>>;

export const CATEGORY_LABELS: Labels<Category> = {
  nl: {
    bullying: 'Pesten',
    'sexual-harassment': 'Seksuele intimidatie',
    harassment: 'Intimidatie',
    discrimination: 'Discriminatie',
    'aggression-violence': 'Agressie en geweld',
    other: 'Overig',
    integrity: 'Integriteit',
    'work-pressure': 'Werkdruk',
    conflict: 'Conflicten',
  },
  en: {
    bullying: 'Bullying',
    'sexual-harassment': 'Sexual harassment',
    harassment: 'Harassment',
    discrimination: 'Discrimination',
    'aggression-violence': 'Aggression and violence',
    other: 'Other',
    integrity: 'Integrity',
    'work-pressure': 'Work pressure',
    conflict: 'Conflicts',
  },
};

export const SUPPORT_LABELS: Labels<SupportKind> = {
  nl: {
    listening: 'Luisterend gesprek',
    advice: 'Advies',
    'mediation-arranged': 'Bemiddeling geregeld',
    accompanied: 'Meegegaan naar een gesprek',
    'complaint-help': 'Hulp bij een klacht',
    referral: 'Doorverwezen',
  },
  en: {
    listening: 'A listening conversation',
    advice: 'Advice',
    'mediation-arranged': 'Mediation arranged',
    accompanied: 'Accompanied to a talk',
    'complaint-help': 'Help with a complaint',
    referral: 'Referral',
  },
};

export const OUTCOME_LABELS: Labels<Outcome> = {
  nl: {
    'solved-informally': 'Informeel opgelost',
    'formal-complaint': 'Formele klacht ingediend',
    referred: 'Doorverwezen',
    'stopped-by-employee': 'Gestopt door de medewerker',
    'no-further-action': 'Geen verdere actie',
  },
  en: {
    'solved-informally': 'Solved informally',
    'formal-complaint': 'Formal complaint filed',
    referred: 'Referred',
    'stopped-by-employee': 'Stopped by the employee',
    'no-further-action': 'No further action',
  },
};

export const ROLE_LABELS: Labels<ReporterRole> = {
  nl: { affected: 'Degene die het overkomt', witness: 'Getuige', colleague: 'Collega' },
  en: { affected: 'The person it happens to', witness: 'Witness', colleague: 'Colleague' },
};

/** Labels for a category the current lists do not know (an older export): shown as its code. */
export function label<K extends string>(labels: Labels<K>, lang: Lang, key: string): string {
  return (labels[lang] as Record<string, string>)[key] ?? key;
}
