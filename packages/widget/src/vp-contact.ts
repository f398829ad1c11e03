import { LitElement, html, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { checkConfig, splitList, type Config } from './config.js';
import { VpErrorEvent } from './events.js';
import { aboutSection, reachProvider, termsSection } from './explanation.js';
import { emptyValues, type FieldErrors, type FormValues } from './form-values.js';
import { contactForm } from './form-template.js';
import { LocalizeController } from './localize-controller.js';
import type { LateMessages, Messages } from './messages.js';
import { sentPanel } from './outcome.js';
import { SendController } from './send-controller.js';
import { checkTerms, type Terms } from './terms.js';
import { styles } from './vp-contact.styles.js';

/**
 * @summary Lets an employee ask a vertrouwenspersoon (confidential adviser) for contact. The
 * request is encrypted in the browser to the provider's pinned OpenPGP key before it is sent.
 *
 * @slot - No-JavaScript fallback, e.g. the provider's phone number. Visible until the element
 *   upgrades, and again when the configuration is wrong or sending fails without known contact details.
 * @slot intro - The employer's own introduction, shown above the explanation.
 * @slot terms - The employer's own additions to the confidentiality terms (part of the text the
 *   employee acknowledges, so part of termsVersion).
 *
 * @event {VpSentEvent} vp-sent - The relay accepted the encrypted request. Its detail is empty: no reference, no request id, nothing that could tie the page's analytics to a request.
 * @event {VpErrorEvent} vp-error - Sending failed (nothing was sent), or the configuration is wrong. Its detail holds only the code.
 *
 * @csspart panel - The outer box of the expanded widget.
 * @csspart header - The title bar with the hide button.
 * @csspart hide-button - The Verbergen / Hide button.
 * @csspart show-button - The button shown while the widget is collapsed.
 * @csspart section - Each of the explanation sections.
 * @csspart form - The contact request form.
 * @csspart field - Each field wrapper.
 * @csspart input - Each text input, textarea and select.
 * @csspart button - The send and retry buttons.
 * @csspart error-summary - The list of problems shown after a failed check.
 * @csspart failure - The message shown when sending failed.
 * @csspart sent - The confirmation with the reference code.
 * @csspart reference - The reference code.
 *
 * @cssproperty --vp-contact-font-family - Font; falls back to --basis-text-font-family-default, then system-ui.
 * @cssproperty --vp-contact-font-size - Base font size; falls back to --basis-text-font-size-md, then 1rem.
 * @cssproperty --vp-contact-color - Text colour; falls back to --basis-color-default-color-document, then #1a1a1a.
 * @cssproperty --vp-contact-background - Background; falls back to --basis-color-default-bg-document, then #fff.
 * @cssproperty --vp-contact-accent - Buttons, links and focus; falls back to --utrecht-button-primary-action-background-color, then #1c4a8c.
 * @cssproperty --vp-contact-accent-text - Text on the accent colour; falls back to --utrecht-button-primary-action-color, then #fff.
 * @cssproperty --vp-contact-border-color - Borders of the panel and fields; falls back to --basis-color-default-border-default, then #6b6b6b.
 * @cssproperty --vp-contact-error-color - Error text and borders; falls back to --basis-color-negative-color-default, then #b00020.
 * @cssproperty --vp-contact-success-color - Confirmation border; falls back to --basis-color-positive-color-default, then #1b6b36.
 * @cssproperty --vp-contact-radius - Corner radius; falls back to --basis-border-radius-md, then 4px.
 * @cssproperty --vp-contact-focus-color - Focus outline; falls back to --basis-focus-outline-color, then the accent colour.
 * @cssproperty --vp-contact-max-width - Largest width of the widget; default 44rem.
 */
export class VpContact extends LitElement {
  static override styles = styles;

  /** Base URL of the provider's relay, e.g. https://relay.voorbeeld.example. Required. */
  @property() relay = '';
  /** The mailbox id the provider gave the employer. Required. */
  @property() mailbox = '';
  /** One or more OpenPGP fingerprints of the provider's key, separated by commas (or spaces). Required. */
  @property() fingerprints = '';
  /** 'nl' or 'en'; else the nearest [lang] ancestor; else Dutch. */
  @property() override lang!: string;
  /** The provider's name as employees know it (else the verified mailbox card's, once there is one). */
  @property({ attribute: 'provider-name' }) providerName = '';
  /** The provider's public web address (https), shown always beside the phone number. */
  @property({ attribute: 'provider-web' }) providerWeb = '';
  /** The provider's phone number, shown always and offered when sending fails (else the verified mailbox card's). */
  @property({ attribute: 'provider-phone' }) providerPhone = '';
  /** The provider's e-mail address, offered when sending fails (else the verified mailbox card's). */
  @property({ attribute: 'provider-email' }) providerEmail = '';
  /** The promised response time in hours (else the verified mailbox card's). */
  @property({ attribute: 'response-hours', type: Number }) responseHours: number | undefined;
  /** The promised response time in working days, instead of response-hours. */
  @property({ attribute: 'response-working-days', type: Number }) responseWorkingDays: number | undefined;
  /** A link to the provider's privacy statement (https). */
  @property({ attribute: 'privacy-url' }) privacyUrl = '';
  /** What HR hears per request: 'none', 'anonymous' (date and region) or 'choice' (the employee's; the default). */
  @property({ attribute: 'hr-notice' }) hrNotice = 'choice';
  /** 'yes' when the counsellor may report trends without names to the employer; default 'no'. */
  @property({ attribute: 'trend-reports' }) trendReports = 'no';
  /** 'yes' when the counsellor is also the employer's adviser for reporting wrongdoing; default 'no'. */
  @property({ attribute: 'whistleblower-adviser' }) whistleblowerAdviser = 'no';
  /** A link to the employer's own integrity / whistleblower procedure. */
  @property({ attribute: 'integrity-url' }) integrityUrl = '';
  /** The regions employees can choose from, comma separated; no select when empty. */
  @property() regions = '';
  /** The organisational units employees can choose from, comma separated; no select when empty. */
  @property() units = '';
  /**
   * An inline ASCII-armored public key instead of the descriptor's keys (still checked against the
   * fingerprints). The mailbox cards still come from the relay's descriptor and must verify against it.
   */
  @property({ attribute: 'public-key' }) publicKey = '';
  /** How long to wait for the relay, in milliseconds, before giving up (nothing is sent then). */
  @property({ attribute: 'request-timeout', type: Number }) requestTimeout = 20_000;

  @state() private values: FormValues = emptyValues();
  @state() private errors: FieldErrors = {};
  @state() private collapsed = false;
  @state() private status = '';

  @query('.error-summary') private summary?: HTMLElement;
  @query('.failure') private failurePanel?: HTMLElement;
  @query('.sent') private sentPanel?: HTMLElement;

  private readonly localize = new LocalizeController(this, () => this.timeoutMs);
  private readonly sender = new SendController(this, () => ({
    config: this.config.config,
    timeoutMs: this.timeoutMs,
    publicKey: this.publicKey,
    response: this.settingsChecked.terms.response,
  }));
  private reportedProblems = '';

  /** Also waits for the English texts when they are still loading, so callers see the real thing. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let result = await super.getUpdateComplete();
    while (this.localize.loading) {
      await this.localize.loading;
      result = await super.getUpdateComplete();
    }
    return result;
  }

  private get t(): Messages {
    return this.localize.t;
  }

  /** The language's late texts: English ones with the rest of English, Dutch ones from the crypto chunk. */
  private get late(): LateMessages | null {
    return this.t.late ?? this.sender.loaded?.nlLate ?? null;
  }

  private get timeoutMs(): number {
    return this.requestTimeout > 0 ? this.requestTimeout : 20_000;
  }

  private get config(): { config: Config | null; problems: string[] } {
    const { config, problems } = checkConfig({ relay: this.relay, mailbox: this.mailbox, fingerprints: this.fingerprints });
    const more = this.settingsChecked.problems;
    return more.length ? { config: null, problems: [...problems, ...more] } : { config, problems };
  }

  private get settingsChecked(): ReturnType<typeof checkTerms> {
    return checkTerms(this);
  }

  /** The terms as shown: the settings, and the provider's name from the embed, else the verified card. */
  private get terms(): Terms {
    return { ...this.settingsChecked.terms, provider: this.providerName.trim() || this.sender.card?.displayName || '' };
  }

  /** Clears the form and folds the widget away at once: for when someone walks by. */
  hide(): void {
    this.sender.cancel();
    this.values = emptyValues();
    this.errors = {};
    this.status = '';
    this.collapsed = true;
    this.shadowRoot?.querySelector('form')?.reset();
    void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>('.show-button')?.focus());
  }

  private show(): void {
    this.collapsed = false;
    void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>('.title')?.focus());
  }

  private onInput = (event: Event): void => {
    const target = event.target as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
    const name = target.name as keyof FormValues;
    if (!(name in this.values)) return;
    let value: FormValues[keyof FormValues];
    if (target instanceof HTMLInputElement && target.type === 'checkbox') {
      if (name === 'topics') {
        const topics = new Set(this.values.topics);
        if (target.checked) topics.add(target.value);
        else topics.delete(target.value);
        value = [...topics];
      } else {
        value = target.checked;
      }
    } else {
      value = target.value;
    }
    this.values = { ...this.values, [name]: value };
  };

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const sender = this.sender;
    if (sender.phase === 'sending' || !this.config.config) return;
    const choices = { regions: splitList(this.regions), units: splitList(this.units) };
    const errors = await sender.validate(this.values, this.t.late?.errors, choices);
    // Hidden while the checks loaded: the form is empty now, and nothing is to be sent.
    if (this.collapsed || (sender.phase as string) === 'sending') return;
    this.errors = errors ?? {};
    if (errors && Object.keys(errors).length > 0) {
      sender.reset();
      this.status = '';
      await this.updateComplete;
      this.summary?.focus();
      return;
    }
    this.status = this.t.form.sending;
    const slot = this.shadowRoot?.querySelector<HTMLSlotElement>('slot[name="terms"]');
    const extra = (slot?.assignedNodes({ flatten: true }) ?? []).map((node) => node.textContent ?? '').join(' ');
    const terms = this.terms;
    // Only the choice the employer's terms leave the employee: the terms decide the rest.
    const hrNotice = terms.hrNotice === 'choice' ? this.values.hrNotice : terms.hrNotice;
    const outcome = await sender.send({ ...this.values, hrNotice }, { language: this.localize.lang, shown: { t: this.t, terms, extra } });
    if (outcome === 'cancelled') return;
    if (outcome === 'sent') this.values = emptyValues();
    this.status = outcome === 'sent' ? this.late!.sent.heading : this.t.failed.heading;
    await this.updateComplete;
    // Hidden meanwhile: there is no panel to focus; it shows when the widget is opened again.
    (outcome === 'sent' ? this.sentPanel : this.failurePanel)?.focus();
  }

  private sendAnother(): void {
    this.sender.reset();
    this.status = '';
    void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>('#name')?.focus());
  }

  protected override render(): TemplateResult {
    if (this.localize.loading) return html``;
    const t = this.t;
    const { problems } = this.config;
    if (problems.length > 0) return this.renderConfigError(problems);
    if (this.collapsed) {
      return html`<div lang=${this.localize.lang}>
        <button type="button" class="show-button" part="show-button" aria-expanded="false" @click=${this.show}>${t.show}</button>
        <div class="visually-hidden" role="status"></div>
      </div>`;
    }
    return html`<section class="panel" part="panel" lang=${this.localize.lang} aria-labelledby="title">
      <div class="header" part="header">
        <h2 class="title" id="title" tabindex="-1">${t.title}</h2>
        <button type="button" class="hide-button" part="hide-button" aria-expanded="true" aria-describedby="hide-hint" @click=${this.hide}>
          ${t.hide}
        </button>
        <span id="hide-hint" class="visually-hidden">${t.hideHint}</span>
      </div>
      <div class="visually-hidden" role="status" aria-live="polite">${this.status}</div>
      ${this.sender.phase === 'sent' && this.sender.sent && this.late
        ? sentPanel(this.late.sent, this.sender.sent, () => this.sendAnother())
        : this.renderMain()}
    </section>`;
  }

  private renderConfigError(problems: string[]): TemplateResult {
    const key = problems.join('\n');
    if (key !== this.reportedProblems) {
      this.reportedProblems = key;
      console.error(`vp-contact is not set up correctly, so it shows no form:\n- ${problems.join('\n- ')}`);
      queueMicrotask(/** @ignore Documented by the class's @event tag. */ () => this.dispatchEvent(new VpErrorEvent({ code: 'config-invalid' })));
    }
    const t = this.t.config;
    return html`<div class="panel config-error" part="panel" lang=${this.localize.lang} role="alert">
      <h2 class="title">${t.heading}</h2>
      <p>${t.employee}</p>
      <slot></slot>
      <div lang="en" class="config-problems">
        <p>For the web team (also in the browser console):</p>
        <ul>
          ${problems.map((problem) => html`<li>${problem}</li>`)}
        </ul>
      </div>
    </div>`;
  }

  private renderMain(): TemplateResult {
    const terms = this.terms;
    const card = this.sender.card;
    // The employer's own attributes first; else a verified card's (signed by the pinned key); else
    // the page's fallback text. Never the descriptor's: the relay must not offer its own number.
    const phone = this.providerPhone.trim() || card?.contact.phone || '';
    const form = contactForm({
      t: this.t,
      late: this.late,
      values: this.values,
      errors: this.errors,
      regions: splitList(this.regions),
      units: splitList(this.units),
      hrChoice: terms.hrNotice === 'choice',
      sender: this.sender,
      phone,
      email: this.providerEmail.trim() || card?.contact.email || '',
      onSubmit: this.onSubmit.bind(this),
      onInput: this.onInput,
    });
    return html`<slot name="intro"></slot>
      ${reachProvider(this.t, phone, this.settingsChecked.providerWeb)}
      ${aboutSection(this.t, terms, card?.counsellors ?? [], this.late)} ${termsSection(this.t, terms)} ${form}`;
  }
}

if (!customElements.get('vp-contact')) customElements.define('vp-contact', VpContact);

declare global {
  interface HTMLElementTagNameMap {
    'vp-contact': VpContact;
  }
}
