/**
 * What the employee sees after a send: the confirmation with the reference code, or the failure
 * with what went wrong and another way to reach the provider.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { FailureReason, Messages } from './messages.js';

export function sentPanel(t: Messages, sent: { reference: string; hours: number | null }, again: () => void): TemplateResult {
  const s = t.sent;
  return html`<div class="sent" part="sent" tabindex="-1" role="group" aria-labelledby="sent-heading">
    <h3 id="sent-heading">${s.heading}</h3>
    <p>${s.reference}: <strong class="reference" part="reference">${sent.reference}</strong></p>
    <p>${s.referenceHint}</p>
    <p>${s.response(sent.hours)}</p>
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
export function failurePanel(t: Messages, reason: FailureReason, phone: string, email: string, cleared: boolean): TemplateResult {
  const f = t.failed;
  return html`<div class="failure" part="failure" tabindex="-1" role="group" aria-labelledby="failure-heading">
    <h4 id="failure-heading">${f.heading}</h4>
    <p>${f.reasons[reason]} ${cleared ? f.cleared : f.kept}</p>
    <p>${f.alternative}</p>
    ${phone || email
      ? html`<ul class="contact">
          ${phone ? html`<li>${f.phone}: <a href="tel:${phone.replace(/[^\d+]/g, '')}">${phone}</a></li>` : nothing}
          ${email ? html`<li>${f.email}: <a href="mailto:${email}">${email}</a></li>` : nothing}
        </ul>`
      : html`<slot></slot>`}
  </div>`;
}
