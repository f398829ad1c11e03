/**
 * The terms as text: the lines the terms section shows, and the whole text the employee
 * acknowledges, hashed into termsVersion. No Lit here: the hash is made in the crypto chunk
 * (request.ts), the section is rendered in the first one (explanation.ts).
 */
import type { Messages } from './messages.js';
import type { Terms } from './terms.js';

/** The whistleblowing sentence(s): part of the terms, as whether the counsellor advises on it is a setting. */
export function integrity(t: Messages, terms: Terms): string {
  return terms.whistleblowerAdviser ? `${t.about.notIntegrity} ${t.about.integrityAdviser}` : t.about.notIntegrity;
}

/** The terms as lines of text, in the order shown; the exceptions are the list under noStep. */
export function termsLines(t: Messages, terms: Terms): string[] {
  const x = t.terms;
  return [
    x.confidential,
    x.readers(terms.provider),
    x.noStep,
    x.hr[terms.hrNotice],
    terms.trendReports ? `${x.reports} ${x.trends}` : x.reports,
    ...(terms.response ? [x.response(terms.response.n, terms.response.days)] : []),
  ];
}

/**
 * The text the employee acknowledges (hashed into termsVersion): the terms as the settings make
 * them (with the links' addresses), the whistleblowing sentence, and the employer's additions.
 */
export function termsText(t: Messages, terms: Terms, extra: string): string {
  const x = t.terms;
  return [
    x.heading,
    ...termsLines(t, terms).flatMap((line) => (line === x.noStep ? [line, ...x.exceptions, x.toldFirst] : [line])),
    terms.privacyUrl && `${x.privacy} ${terms.privacyUrl}`,
    integrity(t, terms),
    terms.integrityUrl,
    x.cannotHeading,
    ...x.cannot,
    extra.replace(/\s+/g, ' ').trim(),
  ]
    .filter(Boolean)
    .join('\n');
}
