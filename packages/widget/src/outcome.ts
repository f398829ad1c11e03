/**
 * What the employee sees after a send: the confirmation with the reference code, or the failure
 * with what went wrong and another way to reach the provider.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { telLink } from './explanation.js';
import type { FailureReason, LateMessages, Messages } from './messages.js';

export function sentPanel(s: LateMessages['sent'], sent: { reference: string; promise: { n: number; days: boolean } | null }, again: () => void): TemplateResult {
  return html`<div class="sent" part="sent" tabindex="-1" role="group" aria-labelledby="sent-heading">
    <h3 id="sent-heading">${s.heading}</h3>
    <p>${s.reference}: <strong class="reference" part="reference">${sent.reference}</strong></p>
    <p>${s.referenceHint}</p>
    <p>${s.response(sent.promise)}</p>
    <ul>
      ${s.next.map((item) => html`<li>${item}</li>`)}
    </ul>
    <button type="button" class="again" part="button" @click=${again}>${s.again}</button>
  </div>`;
}

/**
 * The failure panel. `phone` and `email` come from the embed's attributes, else a verified mailbox
 * card, never from the relay's unsigned descriptor; without either, the page's own fallback (the
 * default slot) shows. `cleared`: the employee hid the form meanwhile, so the text is gone.
 */
export function failurePanel(t: Messages, late: LateMessages | null, reason: FailureReason, phone: string, email: string, cleared: boolean): TemplateResult {
  const f = t.failed;
  return html`<div class="failure" part="failure" tabindex="-1" role="group" aria-labelledby="failure-heading">
    <h4 id="failure-heading">${f.heading}</h4>
    <p>${(reason !== 'crypto-unavailable' && late?.reasons[reason]) || f.unavailable} ${cleared ? late?.cleared : f.kept}</p>
    <p>${f.alternative}</p>
    ${phone || email
      ? html`<ul class="contact">
          ${phone ? html`<li>${f.phone}: ${telLink(phone)}</li>` : nothing}
          ${email ? html`<li>${f.email}: <a href="mailto:${email}">${email}</a></li>` : nothing}
        </ul>`
      : html`<slot></slot>`}
  </div>`;
}
