/**
 * The explanatory texts above the form: what a vertrouwenspersoon does (and does not), and the
 * confidentiality terms the employee acknowledges, as the employer's terms settings make them.
 * Plain templates: the texts come from messages.ts.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { LateMessages, Messages } from './messages.js';
import { integrity, termsLines } from './terms-text.js';
import type { Terms } from './terms.js';

/** A phone number as a link a phone can dial. */
export const telLink = (phone: string): TemplateResult => html`<a href="tel:${phone.replace(/[^\d+]/g, '')}">${phone}</a>`;

interface Counsellor {
  name: string;
  region?: string | undefined;
  languages?: string[] | undefined;
}

const list = (items: readonly (string | TemplateResult)[]): TemplateResult => html`<ul>
  ${items.map((item) => html`<li>${item}</li>`)}
</ul>`;

/**
 * "Liever bellen? …": the provider's phone number and public web address, shown always, not only
 * after a failure. Nothing when neither is known.
 */
export function reachProvider(t: Messages, phone: string, web: string): TemplateResult | typeof nothing {
  if (!phone && !web) return nothing;
  return html`<p class="reach-provider">
    ${phone ? html`${t.about.phoneLead} ${telLink(phone)}.` : nothing}
    ${web ? html`${t.about.webLead} <a href=${web}>${web}</a>.` : nothing}
  </p>`;
}


/**
 * What a vertrouwenspersoon does. `counsellors` come from a verified mailbox card only (the card
 * is signed by the pinned key; the relay's descriptor is never shown).
 */
export function aboutSection(t: Messages, terms: Terms, counsellors: readonly Counsellor[], late: LateMessages | null): TemplateResult {
  const about = t.about;
  return html`<section class="section" part="section" aria-labelledby="about-heading">
    <h3 id="about-heading">${about.heading}</h3>
    <p>${about.intro(terms.provider)} ${about.doesLead}</p>
    ${list(about.does)}
    <p>${about.topics}</p>
    ${list(about.promises)}
    ${counsellors.length && late
      ? html`<p>${late.counsellors}</p>
          ${list(
            counsellors.map((c) =>
              // Language codes as the card has them, upper case (NL, EN): the names of every language would not fit the budget.
              [c.name, c.region, c.languages?.join(', ').toUpperCase()].filter(Boolean).join(' · '),
            ),
          )}`
      : nothing}
    <h4>${about.notHeading}</h4>
    <ul>
      <li><strong>${about.emergency}</strong></li>
      <li>
        ${integrity(t, terms)}
        ${terms.integrityUrl ? html` <a href=${terms.integrityUrl}>${about.integrityLink}</a>` : nothing}
      </li>
      <li>${about.notInvestigator}</li>
    </ul>
  </section>`;
}

/** The confidentiality terms, with the employer's own additions (the terms slot) in between. */
export function termsSection(t: Messages, terms: Terms): TemplateResult {
  const x = t.terms;
  const lines = termsLines(t, terms);
  return html`<section class="section" part="section" aria-labelledby="terms-heading">
    <h3 id="terms-heading">${x.heading}</h3>
    ${list(
      lines.map((line) => (line === x.noStep ? html`${line} ${list(x.exceptions)} ${x.toldFirst}` : line)),
    )}
    ${terms.privacyUrl ? html`<p><a href=${terms.privacyUrl}>${x.privacy}</a></p>` : nothing}
    <slot name="terms"></slot>
    <h4>${x.cannotHeading}</h4>
    ${list(x.cannot)}
  </section>`;
}
