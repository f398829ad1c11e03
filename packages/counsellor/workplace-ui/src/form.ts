/**
 * Form errors the way WCAG 2.2 and the GOV.UK/NL Design System pattern want them: a message next
 * to each field (linked by aria-describedby), and an error summary on top that is focused after a
 * failed submit and lets the keyboard jump to each field. A refusal by the server lands on the
 * field it names, else in the summary alone.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ApiError } from './api.js';
import type { Messages } from './messages.js';

/** A form's errors: field id → message; '' is the form as a whole. */
export type FieldErrors = Record<string, string>;

export const hasErrors = (errors: FieldErrors | undefined) => errors !== undefined && Object.keys(errors).length > 0;

/** The error summary of a form; `root` finds the fields to focus; `level` keeps the heading order. */
export function errorSummary(t: Messages, id: string, errors: FieldErrors | undefined, root: ShadowRoot | HTMLElement, level: 2 | 3 = 3): TemplateResult | typeof nothing {
  if (!hasErrors(errors)) return nothing;
  const focus = (field: string) => root.querySelector<HTMLElement>(`#${field}`)?.focus();
  return html`<div class="summary" id=${id} tabindex="-1" role="alert" aria-labelledby="${id}-heading">
    ${level === 2 ? html`<h2 id="${id}-heading">${t.errorSummary}</h2>` : html`<h3 id="${id}-heading">${t.errorSummary}</h3>`}
    <ul>
      ${Object.entries(errors!).map(([field, message]) =>
        field === '' || !root.querySelector(`#${field}`)
          ? html`<li>${message}</li>`
          : html`<li><button type="button" @click=${() => focus(field)}>${message}</button></li>`,
      )}
    </ul>
  </div>`;
}

/** The message under a field, or nothing. */
export function fieldError(id: string, errors: FieldErrors | undefined): TemplateResult | typeof nothing {
  const message = errors?.[id];
  return message ? html`<p class="error" id="${id}-error">${message}</p>` : nothing;
}

/** aria-describedby for a field: its hint and its error, when there are any. */
export function describedBy(id: string, errors: FieldErrors | undefined, hint = false): string | typeof nothing {
  const ids = [hint ? `${id}-hint` : '', errors?.[id] ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : nothing;
}

/**
 * A server refusal as form errors: on the field the server names (matched by the last part of its
 * path, e.g. "notes.text" → the field mapped from "text"), else for the form as a whole, in the
 * counsellor's language, with the server's own sentence as a detail.
 */
export function refusalErrors(t: Messages, error: unknown, fields: Record<string, string>): FieldErrors {
  if (!(error instanceof ApiError)) return { '': t.unexpected };
  if (error.code === 'server-down') return { '': t.serverDown };
  const base = t.errors[error.code] ?? t.unexpected;
  const text = error.detail ? `${base} ${t.detail(error.detail)}` : base;
  const last = error.field?.split('.').pop();
  const field = last ? fields[last] : undefined;
  return field ? { [field]: text } : { '': text };
}

/** The whole number a field holds, when it is one from min to max; else null. */
export function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\d{1,6}$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}
