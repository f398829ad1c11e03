/**
 * Settings: the counsellor's mailboxes (one per employer: relay, mailbox id, token file, the name
 * the counsellor wants to see), with "test the connection and the token" before saving; and the
 * colleagues a case can be forwarded to; the reminder time, and the browser's notifications.
 */
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { MAILBOX_ID_PATTERN } from '@vp-contact/protocol/http';
import { api, ApiError, type Colleague, type Mailbox } from './api.js';
import { describedBy, errorSummary, fieldError, hasErrors, refusalErrors, wholeNumber, type FieldErrors } from './form.js';
import { clock } from './format.js';
import { ChangedEvent } from './events.js';
import { notificationState, turnNotificationsOff, turnNotificationsOn, type NotificationState } from './notifications.js';
import { Screen } from './screen.js';
import { shared } from './shared.styles.js';
import { styles } from './vp-settings.styles.js';

type FormName = 'mailbox' | 'colleague' | 'reminder';

/** http:// only for this computer itself (a relay in a test or the demo); else https://. */
function relayUrlOk(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

@customElement('vp-settings')
export class VpSettings extends Screen {
  static override styles = [shared, styles];

  @state() private mailboxes: Mailbox[] | null = null;
  @state() private colleagues: Colleague[] = [];
  @state() private reminderHours: number | null = null;
  @state() private notifications: NotificationState = notificationState();
  @state() private errors: Partial<Record<FormName, FieldErrors>> = {};
  @state() private busy: FormName | 'test' | null = null;
  @state() private announcement = '';
  @state() private failure = '';

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      const [mailboxes, colleagues, reminders] = await Promise.all([api.mailboxes(), api.colleagues(), api.reminders()]);
      this.mailboxes = mailboxes.mailboxes;
      this.colleagues = colleagues.colleagues;
      this.reminderHours = reminders.reminderHours;
      this.failure = '';
    } catch (error) {
      if (!this.isLocked(error)) this.failure = refusalErrors(this.t, error, {})[''] ?? this.t.unexpected;
    }
  }

  override render() {
    const t = this.t;
    const s = t.settings;
    const em = this.errors.mailbox;
    const ec = this.errors.colleague;
    const er = this.errors.reminder;
    const input = (form: FieldErrors | undefined, id: string, label: string, name: string, type = 'text', extra: { hint?: string } = {}) =>
      html`<div class="field">
        <label for=${id}>${label}</label>
        ${extra.hint ? html`<p class="hint" id="${id}-hint">${extra.hint}</p>` : nothing} ${fieldError(id, form)}
        <input id=${id} name=${name} type=${type} spellcheck="false" aria-invalid=${form?.[id] ? 'true' : 'false'} aria-describedby=${describedBy(id, form, Boolean(extra.hint))} />
      </div>`;
    return html`<h1>${s.heading}</h1>
      ${this.failure ? html`<p class="notice bad" role="alert">${this.failure}</p>` : nothing}
      <p role="status" class="ok">${this.announcement}</p>
      <section aria-labelledby="mailboxes-heading">
        <h2 id="mailboxes-heading">${s.mailboxes}</h2>
        ${this.mailboxes === null
          ? html`<p>${t.loading}</p>`
          : this.mailboxes.length === 0
            ? html`<p>${s.noMailboxes}</p>`
            : html`<ul class="list">
                ${this.mailboxes.map(
                  (m) => html`<li>
                    <strong>${m.employer}</strong>: ${m.mailbox}, ${m.relay}.
                    ${s.lastFetched}: ${m.status?.lastFetchedAt ? clock(this.lang, m.status.lastFetchedAt) : t.inbox.neverFetched}${m.status && m.status.state !== 'ok' && m.status.state !== 'never'
                      ? html`, <span class="bad">${t.fetchErrors[m.status.state] ?? t.fetchErrors.error}</span>`
                      : nothing}
                  </li>`,
                )}
              </ul>`}
        <h3>${s.addMailbox}</h3>
        <p class="hint">${s.saveFirstTests}</p>
        <form novalidate id="mailbox-form" @submit=${this.addMailbox}>
          ${errorSummary(t, 'mailbox-summary', em, this.renderRoot as ShadowRoot)}
          ${input(em, 'mb-employer', s.employer, 'employer')} ${input(em, 'mb-relay', s.relay, 'relay', 'url')} ${input(em, 'mb-mailbox', s.mailbox, 'mailbox')}
          ${input(em, 'mb-token-file', s.tokenFile, 'tokenFile')} ${input(em, 'mb-hours', s.responseHours, 'responseHours', 'number')}
          ${input(em, 'mb-days', s.responseWorkingDays, 'responseWorkingDays', 'number', { hint: s.responseWorkingDaysHint })}
          <div class="actions">
            <button type="button" ?disabled=${this.busy !== null} @click=${this.testMailbox}>${this.busy === 'test' ? s.testing : s.test}</button>
            <button class="primary" type="submit" ?disabled=${this.busy !== null}>${s.save}</button>
          </div>
        </form>
      </section>
      <section aria-labelledby="colleagues-heading">
        <h2 id="colleagues-heading">${s.colleagues}</h2>
        ${this.colleagues.length === 0
          ? html`<p>${s.noColleagues}</p>`
          : html`<ul class="list">
              ${this.colleagues.map((c) => html`<li><strong>${c.name}</strong>: ${c.mailbox}, ${c.relay}</li>`)}
            </ul>`}
        <h3>${s.addColleague}</h3>
        <form novalidate @submit=${this.addColleague}>
          ${errorSummary(t, 'colleague-summary', ec, this.renderRoot as ShadowRoot)} ${input(ec, 'co-name', s.colleagueName, 'name')}
          <div class="field">
            <label for="co-key">${s.colleagueKey}</label>
            ${fieldError('co-key', ec)}
            <textarea id="co-key" name="publicKey" spellcheck="false" aria-invalid=${ec?.['co-key'] ? 'true' : 'false'} aria-describedby=${describedBy('co-key', ec)}></textarea>
          </div>
          ${input(ec, 'co-relay', s.colleagueRelay, 'relay', 'url')} ${input(ec, 'co-mailbox', s.colleagueMailbox, 'mailbox')}
          <div class="actions"><button class="primary" type="submit" ?disabled=${this.busy !== null}>${s.saveColleague}</button></div>
        </form>
      </section>
      <section aria-labelledby="reminders-heading">
        <h2 id="reminders-heading">${s.reminders}</h2>
        <form novalidate @submit=${this.saveReminder}>
          ${errorSummary(t, 'reminder-summary', er, this.renderRoot as ShadowRoot)}
          <div class="field">
            <label for="rm-hours">${s.reminderHours}</label>
            <p class="hint" id="rm-hours-hint">${s.reminderHoursHint}</p>
            ${fieldError('rm-hours', er)}
            <input id="rm-hours" name="hours" type="number" inputmode="numeric" min="1" max="168" step="1" .value=${this.reminderHours === null ? '' : String(this.reminderHours)}
              aria-invalid=${er?.['rm-hours'] ? 'true' : 'false'} aria-describedby=${describedBy('rm-hours', er, true)} />
          </div>
          <div class="actions"><button class="primary" type="submit" ?disabled=${this.busy !== null}>${s.saveReminder}</button></div>
        </form>
        <h3>${s.notifications}</h3>
        <p>${s.notificationsIntro}</p>
        <p id="notifications-state" tabindex="-1" role="status" class=${this.notifications === 'on' ? 'ok' : ''}>${this.notificationWords()}</p>
        ${this.notifications === 'on'
          ? html`<button id="notifications-toggle" type="button" @click=${this.notificationsOff}>${s.turnOff}</button>`
          : this.notifications === 'off'
            ? html`<button id="notifications-toggle" type="button" @click=${this.notificationsOn}>${s.turnOn}</button>`
            : nothing}
      </section>`;
  }

  private notificationWords(): string {
    const s = this.t.settings;
    return { on: s.notificationsOn, off: s.notificationsOff, denied: s.notificationsDenied, unsupported: s.notificationsUnsupported }[this.notifications];
  }

  private notificationsOn = async () => {
    this.notifications = await turnNotificationsOn();
    // The button became the other one: keep the keyboard there. Refused by the browser, there is
    // no button any more: the keyboard goes to the words that say why.
    void this.focusOn(this.notifications === 'denied' ? '#notifications-state' : '#notifications-toggle');
  };

  private notificationsOff = () => {
    this.notifications = turnNotificationsOff();
    void this.focusOn('#notifications-toggle');
  };

  private saveReminder = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const value = new FormData(form).get('hours');
    const text = typeof value === 'string' ? value.trim() : '';
    const hours = wholeNumber(text, 1, 168);
    const errors: FieldErrors = hours === null ? { 'rm-hours': this.t.settings.reminderHoursInvalid } : {};
    await this.run('reminder', errors, async () => {
      this.reminderHours = (await api.setReminderHours(hours!)).reminderHours;
      this.dispatchEvent(new ChangedEvent());
      return this.t.saved;
    }, { hours: 'rm-hours' });
  };

  /** The mailbox form's values and what is wrong with them (the test needs all but the employer). */
  private mailboxForm(withEmployer: boolean) {
    const s = this.t.settings;
    const form = this.renderRoot.querySelector('#mailbox-form') as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string) => { const value = data.get(name); return typeof value === 'string' ? value.trim() : ''; };
    const values = {
      employer: text('employer'),
      relay: text('relay'),
      mailbox: text('mailbox'),
      tokenFile: text('tokenFile'),
      responseHours: text('responseHours'),
      responseWorkingDays: text('responseWorkingDays'),
    };
    const errors: FieldErrors = {};
    if (withEmployer && !values.employer) errors['mb-employer'] = s.employerMissing;
    if (!relayUrlOk(values.relay)) errors['mb-relay'] = s.relayInvalid;
    if (!MAILBOX_ID_PATTERN.test(values.mailbox)) errors['mb-mailbox'] = s.mailboxInvalid;
    if (!values.tokenFile) errors['mb-token-file'] = s.tokenFileMissing;
    if (withEmployer && values.responseHours && !/^\d{1,4}$/.test(values.responseHours)) errors['mb-hours'] = s.responseHoursInvalid;
    if (withEmployer && values.responseWorkingDays && wholeNumber(values.responseWorkingDays, 1, 30) === null) errors['mb-days'] = s.responseWorkingDaysInvalid;
    else if (withEmployer && values.responseWorkingDays && values.responseHours) errors['mb-days'] = s.hoursOrDays;
    return { form, values, errors };
  }

  private static readonly mailboxFields = {
    employer: 'mb-employer',
    relay: 'mb-relay',
    mailbox: 'mb-mailbox',
    tokenFile: 'mb-token-file',
    responseHours: 'mb-hours',
    responseWorkingDays: 'mb-days',
  };

  private testMailbox = async () => {
    const { values, errors } = this.mailboxForm(false);
    await this.run('mailbox', errors, async () => {
      this.busy = 'test';
      await api.testMailbox({ relay: values.relay, mailbox: values.mailbox, tokenFile: values.tokenFile });
      return this.t.settings.testOk;
    }, VpSettings.mailboxFields);
  };

  private addMailbox = async (event: Event) => {
    event.preventDefault();
    const { form, values, errors } = this.mailboxForm(true);
    await this.run('mailbox', errors, async () => {
      const { responseHours, responseWorkingDays, ...rest } = values;
      await api.addMailbox({
        ...rest,
        ...(responseHours ? { responseHours: Number(responseHours) } : {}),
        ...(responseWorkingDays ? { responseWorkingDays: Number(responseWorkingDays) } : {}),
      });
      form.reset();
      await this.load();
      return this.t.saved;
    }, VpSettings.mailboxFields);
  };

  private addColleague = async (event: Event) => {
    event.preventDefault();
    const s = this.t.settings;
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string) => { const value = data.get(name); return typeof value === 'string' ? value.trim() : ''; };
    const colleague = { name: text('name'), publicKey: text('publicKey'), relay: text('relay'), mailbox: text('mailbox') };
    const errors: FieldErrors = {};
    if (!colleague.name) errors['co-name'] = s.nameMissing;
    if (!/^-----BEGIN PGP PUBLIC KEY BLOCK-----[\s\S]+-----END PGP PUBLIC KEY BLOCK-----$/.test(colleague.publicKey)) errors['co-key'] = s.keyInvalid;
    if (!relayUrlOk(colleague.relay)) errors['co-relay'] = s.relayInvalid;
    if (!MAILBOX_ID_PATTERN.test(colleague.mailbox)) errors['co-mailbox'] = s.mailboxInvalid;
    await this.run('colleague', errors, async () => {
      await api.addColleague(colleague);
      form.reset();
      await this.load();
      return this.t.saved;
    }, { name: 'co-name', publicKey: 'co-key', relay: 'co-relay', mailbox: 'co-mailbox' });
  };

  /**
   * A refusal in words, on the field it is about: the relay refusing the token belongs to the token
   * file, an unreachable relay to its address.
   */
  private refusal(name: FormName, error: unknown, fields: Record<string, string>): FieldErrors {
    const errors = refusalErrors(this.t, error, fields);
    if (!(error instanceof ApiError) || !errors['']) return errors;
    const field = name === 'mailbox' ? { 'relay-refused-token': 'mb-token-file', 'relay-unreachable': 'mb-relay' }[error.code] : undefined;
    return field ? { [field]: errors[''] } : errors;
  }

  /** Shows `errors` and sends nothing, or runs `work` and announces what it returns. */
  private async run(name: FormName, errors: FieldErrors, work: () => Promise<string>, fields: Record<string, string>) {
    this.announcement = '';
    if (hasErrors(errors)) {
      this.errors = { ...this.errors, [name]: errors };
      return this.focusOn(`#${name}-summary`);
    }
    this.busy = this.busy ?? name;
    try {
      const said = await work();
      this.errors = { ...this.errors, [name]: {} };
      this.announcement = said;
    } catch (error) {
      if (this.isLocked(error)) return;
      this.errors = { ...this.errors, [name]: this.refusal(name, error, fields) };
      void this.focusOn(`#${name}-summary`);
    } finally {
      this.busy = null;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'vp-settings': VpSettings;
  }
}
