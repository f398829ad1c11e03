/**
 * The explanatory texts above the form: what a vertrouwenspersoon does (and does not), and the
 * confidentiality terms the employee acknowledges. Plain templates: the texts come from messages.ts.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Messages } from './messages.js';

const list = (items: readonly string[]): TemplateResult => html`<ul>
  ${items.map((item) => html`<li>${item}</li>`)}
</ul>`;

/** What a vertrouwenspersoon does, for `provider` (the embed's name, else the verified card's, else a generic one). */
export function aboutSection(t: Messages, provider: string, integrityUrl: string): TemplateResult {
  const about = t.about;
  return html`<section class="section" part="section" aria-labelledby="about-heading">
    <h3 id="about-heading">${about.heading}</h3>
    <p>${about.intro(provider)} ${about.doesLead}</p>
    ${list(about.does)}
    <p>${about.topics}</p>
    ${list(about.promises)}
    <h4>${about.notHeading}</h4>
    <ul>
      <li><strong>${about.emergency}</strong></li>
      <li>
        ${about.notIntegrity}
        ${integrityUrl ? html` <a href=${integrityUrl}>${about.integrityLink}</a>` : nothing}
      </li>
      <li>${about.notInvestigator}</li>
    </ul>
  </section>`;
}

/** The confidentiality terms, with the employer's own additions (the terms slot) in between. */
export function termsSection(t: Messages): TemplateResult {
  const terms = t.terms;
  return html`<section class="section" part="section" aria-labelledby="terms-heading">
    <h3 id="terms-heading">${terms.heading}</h3>
    ${list(terms.items)}
    <slot name="terms"></slot>
    <h4>${terms.cannotHeading}</h4>
    ${list(terms.cannot)}
  </section>`;
}

/** The text the employee acknowledges (hashed into termsVersion): the terms and the employer's additions. */
export function termsText(t: Messages, extra: string): string {
  const terms = t.terms;
  return [terms.heading, ...terms.items, terms.cannotHeading, ...terms.cannot, extra.replace(/\s+/g, ' ').trim()].filter(Boolean).join('\n');
}
