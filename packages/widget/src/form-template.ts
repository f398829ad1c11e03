/**
 * The contact request form's templates: module-level functions over a FormView, the few things
 * they read from the element. Kept out of the element (issue 11) so the element holds only its
 * configuration, the form's life and the render wiring; plain functions also minify smaller than
 * methods, whose names stay in the bundle.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { MEETING_PREFERENCES, TOPICS } from '@vp-contact/protocol/schema';
import { LIMITS, type Field, type FieldErrors, type FormValues } from './form-values.js';
import type { LateMessages, Messages } from './messages.js';
import { failurePanel } from './outcome.js';
import type { SendController } from './send-controller.js';

/** What the form's templates read from the element. */
export interface FormView {
  readonly t: Messages;
  readonly late: LateMessages | null;
  readonly values: FormValues;
  readonly errors: FieldErrors;
  /** The regions and units the employee can choose from; no select when empty. */
  readonly regions: string[];
  readonly units: string[];
  /** The employer's terms leave what HR hears to the employee (hr-notice="choice"). */
  readonly hrChoice: boolean;
  readonly sender: Pick<SendController, 'phase' | 'failure' | 'hiddenWhilePosting'>;
  /** The provider's phone number and e-mail address offered when sending fails; '' when unknown. */
  readonly phone: string;
  readonly email: string;
  readonly onSubmit: (event: SubmitEvent) => Promise<void>;
  readonly onInput: (event: Event) => void;
}

/** The control each error points at (the summary's links and aria-describedby): the field's own, but for these. */
const CONTROL_OF: Partial<Record<Field, string>> = { reach: 'phone', hrNotice: 'hrNotice-anonymous', terms: 'termsAccepted' };
const controlOf = (field: Field): string => CONTROL_OF[field] ?? field;

/** The summary's links move focus themselves: the fragment would not reach into the shadow root. */
function focusField(event: Event, field: Field): void {
  event.preventDefault();
  // The link is in the element's shadow root, and so is the control it names.
  ((event.target as Node).getRootNode() as ShadowRoot).getElementById(controlOf(field))?.focus();
}

function describedBy(v: FormView, field: Field, ...extra: string[]): string {
  const ids = [...extra];
  if (v.errors[field]) ids.push(`${field}-error`);
  if ((field === 'phone' || field === 'email') && v.errors.reach) ids.push('reach-error');
  return ids.join(' ');
}

function error(v: FormView, field: Field): TemplateResult | typeof nothing {
  const message = v.errors[field];
  return message ? html`<p class="error" id="${field}-error">${message}</p>` : nothing;
}

function label(v: FormView, text: string, required: 'required' | 'optional' | 'oneOf'): TemplateResult {
  return html`${text} <span class="marker">(${v.t.form[required]})</span>`;
}

/**
 * spellcheck and autocorrect off on every text field: a cloud spell check (Chrome's enhanced one,
 * Microsoft Editor) would send what is typed to a third party. autocapitalize stays as it is: it
 * only shapes the on-screen keyboard, and browsers already leave tel and e-mail fields alone.
 */
function textField(v: FormView, field: 'name' | 'phone' | 'email' | 'preferredTimes' | 'conversationLanguage', text: string, options: { type?: string; hint?: string; required: 'optional' | 'oneOf'; autocomplete?: string; inputmode?: string }): TemplateResult {
  const hintId = options.hint ? `${field}-hint` : '';
  return html`<div class="field" part="field">
      <label for=${field}>${label(v, text, options.required)}</label>
      ${options.hint ? html`<p class="hint" id=${hintId}>${options.hint}</p>` : nothing}
      ${error(v, field)}
      <input
        part="input"
        id=${field}
        name=${field}
        type=${options.type ?? 'text'}
        autocomplete=${options.autocomplete ?? 'off'}
        inputmode=${options.inputmode ?? nothing}
        spellcheck="false"
        autocorrect="off"
        aria-invalid=${v.errors[field] || ((field === 'phone' || field === 'email') && v.errors.reach) ? 'true' : 'false'}
        aria-describedby=${describedBy(v, field, ...(hintId ? [hintId] : [])) || nothing}
        .value=${v.values[field]}
      />
    </div>`;
}

function select(v: FormView, field: 'region' | 'unit' | 'meeting', text: string, options: readonly { value: string; label: string }[], hint = ''): TemplateResult {
  return html`<div class="field" part="field">
      <label for=${field}>${label(v, text, 'optional')}</label>
      ${hint ? html`<p class="hint" id="${field}-hint">${hint}</p>` : nothing}
      ${error(v, field)}
      <select part="input" id=${field} name=${field} aria-invalid=${v.errors[field] ? 'true' : 'false'} aria-describedby=${describedBy(v, field, ...(hint ? [`${field}-hint`] : [])) || nothing}>
        <option value="" ?selected=${v.values[field] === ''}>${v.t.form.noChoice}</option>
        ${options.map((option) => html`<option value=${option.value} ?selected=${v.values[field] === option.value}>${option.label}</option>`)}
      </select>
    </div>`;
}

function checkbox(v: FormView, field: 'voicemailAllowed' | 'textMessagesAllowed' | 'mayIdentifyCaller' | 'urgent', text: string, hint?: string): TemplateResult {
  return html`<div class="check" part="field">
      <input type="checkbox" id=${field} name=${field} .checked=${v.values[field]} aria-describedby=${hint ? `${field}-hint` : nothing} />
      <label for=${field}>${label(v, text, 'optional')}</label>
      ${hint ? html`<p class="hint check-hint" id="${field}-hint">${hint}</p>` : nothing}
    </div>`;
}

function errorSummary(v: FormView): TemplateResult | typeof nothing {
  const fields = Object.keys(v.errors) as Field[];
  if (fields.length === 0) return nothing;
  return html`<div class="error-summary" part="error-summary" tabindex="-1" role="group" aria-labelledby="summary-heading">
      <h4 id="summary-heading">${v.t.form.errorSummary}</h4>
      <ul>
        ${fields.map(
          (field) => html`<li><a href="#${controlOf(field)}" @click=${(event: Event) => focusField(event, field)}>${v.errors[field]}</a></li>`,
        )}
      </ul>
    </div>`;
}

function failureSection(v: FormView): TemplateResult | typeof nothing {
  const { phase, failure, hiddenWhilePosting } = v.sender;
  if (phase !== 'failed' || !failure) return nothing;
  return failurePanel(v.t, v.late, failure, v.phone, v.email, !!hiddenWhilePosting);
}

/** Only when the employer's terms leave it to the employee (hr-notice="choice"). */
function hrChoice(v: FormView): TemplateResult {
  const t = v.t.form;
  // No hint of its own: the terms above say what HR hears either way.
  return html`<fieldset class="group" aria-describedby=${v.errors.hrNotice ? 'hrNotice-error' : nothing}>
      <legend>${label(v, t.hrNotice, 'optional')}</legend>
      ${error(v, 'hrNotice')}
      ${(['anonymous', 'named'] as const).map(
        (value) => html`<div class="check">
          <input type="radio" id="hrNotice-${value}" name="hrNotice" value=${value} .checked=${v.values.hrNotice === value} />
          <label for="hrNotice-${value}">${t.hrNoticeOptions[value]}</label>
        </div>`,
      )}
    </fieldset>`;
}

/** The contact request form, with its error summary and, after a failed send, the failure panel. */
export function contactForm(v: FormView): TemplateResult {
  const t = v.t.form;
  const phase = v.sender.phase;
  const sending = phase === 'sending';
  const left = LIMITS.message - v.values.message.length;
  return html`<section class="section" part="section" aria-labelledby="form-heading">
      <h3 id="form-heading">${t.heading}</h3>
      <p>${t.intro}</p>
      ${errorSummary(v)}
      <form part="form" novalidate @submit=${v.onSubmit} @input=${v.onInput} @change=${v.onInput} aria-busy=${sending ? 'true' : 'false'}>
        ${textField(v, 'name', t.name, { hint: t.nameHint, required: 'optional' })}
        <fieldset class="group" aria-describedby=${v.errors.reach ? 'reach-hint reach-error' : 'reach-hint'}>
          <legend>${label(v, t.reach, 'required')}</legend>
          <p class="hint" id="reach-hint">${t.reachHint}</p>
          ${error(v, 'reach')}
          ${textField(v, 'phone', t.phone, { type: 'tel', required: 'oneOf', inputmode: 'tel' })}
          ${textField(v, 'email', t.email, { type: 'email', hint: t.emailHint, required: 'oneOf' })}
          ${textField(v, 'preferredTimes', t.preferredTimes, { hint: t.preferredTimesHint, required: 'optional' })}
          ${checkbox(v, 'voicemailAllowed', t.voicemail)} ${checkbox(v, 'textMessagesAllowed', t.textMessages)}
          ${checkbox(v, 'mayIdentifyCaller', t.mayIdentify)}
        </fieldset>
        ${select(v, 'meeting', t.meeting, MEETING_PREFERENCES.map((value) => ({ value, label: t.meetingOptions[value] })))}
        ${textField(v, 'conversationLanguage', t.conversationLanguage, { required: 'optional' })}
        ${v.regions.length ? select(v, 'region', t.region, v.regions.map((value) => ({ value, label: value }))) : nothing}
        ${v.units.length ? select(v, 'unit', t.unit, v.units.map((value) => ({ value, label: value })), t.unitHint) : nothing}
        <fieldset class="group">
          <legend>${label(v, t.topics, 'optional')}</legend>
          ${TOPICS.map(
            (topic) => html`<div class="check">
              <input type="checkbox" id="topic-${topic}" name="topics" value=${topic} .checked=${v.values.topics.includes(topic)} />
              <label for="topic-${topic}">${t.topicOptions[topic]}</label>
            </div>`,
          )}
        </fieldset>
        <div class="field" part="field">
          <label for="message">${label(v, t.message, 'optional')}</label>
          <p class="hint" id="message-hint">${t.messageHint}</p>
          ${error(v, 'message')}
          <textarea
            part="input"
            id="message"
            name="message"
            rows="5"
            autocomplete="off"
            spellcheck="false"
            autocorrect="off"
            aria-invalid=${v.errors.message ? 'true' : 'false'}
            aria-describedby=${describedBy(v, 'message', 'message-hint', 'message-count')}
            .value=${v.values.message}
          ></textarea>
          <p class="hint count" id="message-count">${t.charactersLeft(left)}</p>
        </div>
        ${checkbox(v, 'urgent', t.urgent, t.urgentHint)}
        ${v.hrChoice ? hrChoice(v) : nothing}
        <div class="check terms" part="field">
          <input
            type="checkbox"
            id="termsAccepted"
            name="termsAccepted"
            .checked=${v.values.termsAccepted}
            aria-invalid=${v.errors.terms ? 'true' : 'false'}
            aria-describedby=${describedBy(v, 'terms') || nothing}
          />
          <label for="termsAccepted">${label(v, t.termsAccept, 'required')}</label>
          ${error(v, 'terms')}
        </div>
        ${failureSection(v)}
        <button class="send" part="button" type="submit" ?disabled=${sending}>
          ${sending ? t.sending : phase === 'failed' ? v.t.failed.retry : t.send}
        </button>
      </form>
    </section>`;
}
