/**
 * One case: the reference to quote first, then how to reach the employee (tel: and mailto: links,
 * their conditions in large type), the request in plain words, and the case file: status with the
 * time of each change, notes, time in quarter hours, appointments and their outcome, HR, referrals,
 * forwarding to a colleague, and closing with the registration fields. Every form checks what it
 * can before sending; the server checks again and its refusal lands next to the field.
 */
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ApiError, type CaseFile, type Colleague, type Registration } from './api.js';
import { describedBy, errorSummary, fieldError, hasErrors, refusalErrors, type FieldErrors } from './form.js';
import { date, dateTime, timeLeft, today } from './format.js';
import { Screen } from './screen.js';
import { ChangedEvent } from './events.js';
import { shared } from './shared.styles.js';
import { styles } from './vp-case.styles.js';

/** The longest note the server takes (API.md). */
const NOTE_MAX_LENGTH = 10_000;
const CHANNELS = ['phone', 'video', 'in-person'] as const;
const OUTCOMES = ['held', 'cancelled', 'no-show'] as const;
const HR_CONSENTS = ['named', 'anonymous', 'none'] as const;
const REFERRALS = ['company-doctor', 'gp', 'complaints-committee', 'police', 'other'] as const;
const CATEGORIES = ['bullying', 'sexual-harassment', 'harassment', 'discrimination', 'aggression-violence', 'integrity', 'work-pressure', 'conflict', 'other'] as const;
const ROLES = ['affected', 'witness', 'colleague'] as const;
const SUPPORT = ['listening', 'advice', 'mediation-arranged', 'accompanied', 'complaint-help', 'referral'] as const;
const REG_OUTCOMES = ['solved-informally', 'formal-complaint', 'referred', 'stopped-by-employee', 'no-further-action'] as const;

type FormName = 'status' | 'notes' | 'time' | 'appointment' | 'outcome' | 'hr' | 'referral' | 'forward' | 'registration';

@customElement('vp-case')
export class VpCase extends Screen {
  static override styles = [shared, styles];

  @property({ type: Number, attribute: 'case-id' }) caseId = 0;
  @state() private file: CaseFile | null = null;
  @state() private colleagues: Colleague[] = [];
  @state() private errors: Partial<Record<FormName, FieldErrors>> = {};
  @state() private busy: FormName | null = null;
  @state() private announcement = '';
  @state() private failure = '';

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('caseId') && this.caseId) void this.load();
  }

  private async load() {
    this.file = null;
    this.failure = '';
    try {
      const [file, colleagues] = await Promise.all([api.case(this.caseId), api.colleagues().catch(() => ({ colleagues: [] as Colleague[] }))]);
      this.file = file;
      this.colleagues = colleagues.colleagues;
      void this.focusOn('h1');
    } catch (error) {
      if (!this.isLocked(error)) this.failure = refusalErrors(this.t, error, {})[''] ?? this.t.unexpected;
    }
  }

  override render() {
    const t = this.t;
    const back = html`<p><a href="#/inbox">${t.case.back}</a></p>`;
    if (this.failure) return html`${back}<h1>${t.inbox.heading}</h1><p class="notice bad" role="alert">${this.failure}</p>`;
    const file = this.file;
    if (!file) return html`${back}<p role="status">${t.loading}</p>`;
    return html`${back}
      <h1 tabindex="-1"><span class="label">${t.case.reference}</span><span class="reference">${file.reference}</span></h1>
      ${file.urgent ? html`<p class="notice bad urgent">${t.case.urgent}</p>` : nothing}
      <p>${t.case.employer}: <strong>${file.employer}</strong>. ${t.case.received}: ${dateTime(this.lang, file.receivedAt)}.</p>
      <p role="status" class="ok">${this.announcement}</p>
      ${file.forwardedFrom
        ? html`<section aria-labelledby="from-heading">
            <h2 id="from-heading">${t.case.forwardedFrom(file.forwardedFrom.name, dateTime(this.lang, file.forwardedFrom.at))}</h2>
            <h3>${t.case.caseSoFar}</h3>
            <p class="message">${file.forwardedFrom.summary}</p>
          </section>`
        : nothing}
      ${this.reach(file)} ${this.details(file)} ${this.status(file)}
      ${file.status === 'forwarded'
        ? html`<p class="notice">${t.case.readOnly}</p>`
        : html`${this.notes(file)} ${this.time(file)} ${this.appointments(file)} ${this.hr(file)} ${this.referrals(file)} ${this.forward(file)} ${this.registration(file)}`}`;
  }

  // ---- the request -------------------------------------------------------------------------

  private reach(file: CaseFile) {
    const t = this.t;
    const c = file.request.contact;
    return html`<section aria-labelledby="reach-heading">
      <h2 id="reach-heading">${t.case.reach}</h2>
      <p class="reach">
        ${c.phone ? html`<a href="tel:${c.phone.replace(/[^\d+]/g, '')}">${t.case.call(c.phone)}</a>` : nothing}
        ${c.email ? html`<a href="mailto:${c.email}">${t.case.mail(c.email)}</a>` : nothing}
      </p>
      <div class="conditions">
        <h3>${t.case.conditions}</h3>
        <ul>
          <li>${c.voicemailAllowed === true ? t.case.voicemailOk : t.case.noVoicemail}</li>
          <li>${c.mayIdentifyCaller === true ? t.case.identifyOk : t.case.noIdentify}</li>
        </ul>
      </div>
      <dl>
        <dt>${t.case.preferredTimes}</dt>
        <dd>${c.preferredTimes ?? '—'}</dd>
        <dt>${t.case.conversationLanguage}</dt>
        <dd>${file.request.conversationLanguage ?? t.case.languages[file.request.language] ?? file.request.language}</dd>
        <dt>${t.case.meeting}</dt>
        <dd>${file.request.meeting ? (t.meeting[file.request.meeting] ?? file.request.meeting) : '—'}</dd>
      </dl>
    </section>`;
  }

  private details(file: CaseFile) {
    const t = this.t;
    const r = file.request;
    return html`<section aria-labelledby="details-heading">
      <h2 id="details-heading">${t.case.details}</h2>
      <dl>
        <dt>${t.case.name}</dt>
        <dd>${r.name ?? t.case.noName}</dd>
        <dt>${t.case.topics}</dt>
        <dd>${(r.topics ?? []).map((topic) => t.topics[topic] ?? topic).join(', ') || '—'}</dd>
        <dt>${t.case.region}</dt>
        <dd>${r.region ?? '—'}</dd>
        <dt>${t.case.unit}</dt>
        <dd>${r.unit ?? '—'}</dd>
        <dt>${t.case.language}</dt>
        <dd>${t.case.languages[r.language] ?? r.language}</dd>
        <dt>${t.case.hrNotice}</dt>
        <dd>${r.hrNotice === 'named' ? t.case.hrNamed : t.case.hrAnonymous}</dd>
        <dt>${t.case.message}</dt>
        <dd class="message">${r.message || t.case.noMessage}</dd>
      </dl>
    </section>`;
  }

  // ---- status ------------------------------------------------------------------------------

  private status(file: CaseFile) {
    const t = this.t;
    return html`<section aria-labelledby="status-heading">
      <h2 id="status-heading">${t.case.status}: ${t.statuses[file.status] ?? file.status}</h2>
      ${file.forwardedTo ? html`<p>${t.case.forwardedTo(file.forwardedTo.name)} (${dateTime(this.lang, file.forwardedTo.at)})</p>` : nothing}
      <p>${t.inbox.columns.timeLeft}: ${timeLeft(t, file)}</p>
      ${errorSummary(t, 'status-summary', this.errors.status, this.renderRoot as ShadowRoot)}
      <div class="actions">
        ${file.status === 'new'
          ? html`<button class="primary" type="button" ?disabled=${this.busy !== null} @click=${() => this.setStatus('contacted')}>${t.case.markContacted}</button>`
          : nothing}
        ${file.status === 'new' || file.status === 'contacted'
          ? html`<button type="button" ?disabled=${this.busy !== null} @click=${() => this.setStatus('in-progress')}>${t.case.markInProgress}</button>`
          : nothing}
      </div>
      <h3>${t.case.history}</h3>
      <ol class="entries">
        ${file.statusHistory.map((h) => html`<li>${t.statuses[h.status] ?? h.status}: ${dateTime(this.lang, h.at)}</li>`)}
      </ol>
    </section>`;
  }

  private setStatus(status: 'contacted' | 'in-progress') {
    return this.save('status', {}, () => api.setStatus(this.caseId, status));
  }

  // ---- notes -------------------------------------------------------------------------------

  private notes(file: CaseFile) {
    const t = this.t;
    const e = this.errors.notes;
    return html`<section aria-labelledby="notes-heading">
      <h2 id="notes-heading">${t.case.notes}</h2>
      ${file.notes.length === 0
        ? html`<p>${t.case.noNotes}</p>`
        : html`<ul class="entries">
            ${file.notes.map((n) => html`<li><span class="meta">${dateTime(this.lang, n.at)}</span><p class="text">${n.text}</p></li>`)}
          </ul>`}
      <form novalidate @submit=${this.addNote}>
        ${errorSummary(t, 'notes-summary', e, this.renderRoot as ShadowRoot)}
        <div class="field">
          <label for="note-text">${t.case.note}</label>
          ${fieldError('note-text', e)}
          <textarea id="note-text" name="text" spellcheck="false" aria-invalid=${e?.['note-text'] ? 'true' : 'false'} aria-describedby=${describedBy('note-text', e)}></textarea>
        </div>
        <div class="actions"><button class="primary" type="submit" ?disabled=${this.busy !== null}>${t.case.addNote}</button></div>
      </form>
    </section>`;
  }

  private addNote = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const text = (form.elements.namedItem('text') as HTMLTextAreaElement).value;
    const errors: FieldErrors = {};
    if (text.trim() === '') errors['note-text'] = this.t.case.noteEmpty;
    else if (text.length > NOTE_MAX_LENGTH) errors['note-text'] = this.t.case.noteTooLong(NOTE_MAX_LENGTH);
    return this.save('notes', errors, () => api.addNote(this.caseId, text), form, { text: 'note-text' });
  };

  // ---- time --------------------------------------------------------------------------------

  private time(file: CaseFile) {
    const t = this.t;
    const e = this.errors.time;
    return html`<section aria-labelledby="time-heading">
      <h2 id="time-heading">${t.case.time}</h2>
      ${file.time.length === 0
        ? html`<p>${t.case.noTime}</p>`
        : html`<ul class="entries">
              ${file.time.map((entry) => html`<li>${date(this.lang, entry.on)}: ${t.case.quarters(entry.minutes)}</li>`)}
            </ul>
            <p><strong>${t.case.totalTime(t.case.quarters(file.totalMinutes))}</strong></p>`}
      <form novalidate @submit=${this.addTime}>
        ${errorSummary(t, 'time-summary', e, this.renderRoot as ShadowRoot)}
        <div class="row">
          <div class="field">
            <label for="time-on">${t.case.timeDate}</label>
            ${fieldError('time-on', e)}
            <input id="time-on" name="on" type="date" value=${today()} max=${today()} aria-invalid=${e?.['time-on'] ? 'true' : 'false'} aria-describedby=${describedBy('time-on', e)} />
          </div>
          <div class="field">
            <label for="time-minutes">${t.case.minutes}</label>
            ${fieldError('time-minutes', e)}
            <input
              id="time-minutes"
              name="minutes"
              type="number"
              inputmode="numeric"
              min="15"
              max="1440"
              step="15"
              aria-invalid=${e?.['time-minutes'] ? 'true' : 'false'}
              aria-describedby=${describedBy('time-minutes', e)}
            />
          </div>
        </div>
        <div class="actions"><button class="primary" type="submit" ?disabled=${this.busy !== null}>${t.case.addTime}</button></div>
      </form>
    </section>`;
  }

  private addTime = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const on = (form.elements.namedItem('on') as HTMLInputElement).value;
    const raw = (form.elements.namedItem('minutes') as HTMLInputElement).value.trim();
    const minutes = Number(raw);
    const errors: FieldErrors = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(on) || on > today()) errors['time-on'] = this.t.case.dateInvalid;
    if (!/^\d+$/.test(raw) || minutes < 15 || minutes > 1440 || minutes % 15 !== 0) errors['time-minutes'] = this.t.case.minutesInvalid;
    return this.save('time', errors, () => api.addTime(this.caseId, on, minutes), form, { on: 'time-on', minutes: 'time-minutes' });
  };

  // ---- appointments ------------------------------------------------------------------------

  private appointments(file: CaseFile) {
    const t = this.t;
    const e = this.errors.appointment;
    return html`<section aria-labelledby="appointments-heading">
      <h2 id="appointments-heading">${t.case.appointments}</h2>
      ${errorSummary(t, 'outcome-summary', this.errors.outcome, this.renderRoot as ShadowRoot)}
      ${file.appointments.length === 0
        ? html`<p>${t.case.noAppointments}</p>`
        : html`<ul class="entries">
            ${file.appointments.map((a) => {
              const when = dateTime(this.lang, a.at);
              return html`<li>
                <strong>${when}</strong>, ${t.channels[a.channel] ?? a.channel}${a.place ? html`, ${a.place}` : nothing}.
                ${t.case.outcome}: ${a.outcome ? t.case.outcomes[a.outcome] : t.case.noOutcome}
                ${a.outcome
                  ? nothing
                  : html`<div class="actions" role="group" aria-label="${t.case.outcome}: ${when}">
                      ${OUTCOMES.map(
                        (o) => html`<button type="button" ?disabled=${this.busy !== null} @click=${() => this.setOutcome(a.id, o)}>${t.case.setOutcome(t.case.outcomes[o]!)}</button>`,
                      )}
                    </div>`}
              </li>`;
            })}
          </ul>`}
      <form novalidate @submit=${this.addAppointment}>
        ${errorSummary(t, 'appointment-summary', e, this.renderRoot as ShadowRoot)}
        <div class="row">
          <div class="field">
            <label for="appointment-date">${t.case.appointmentDate}</label>
            ${fieldError('appointment-date', e)}
            <input id="appointment-date" name="date" type="date" min=${today()} aria-invalid=${e?.['appointment-date'] ? 'true' : 'false'} aria-describedby=${describedBy('appointment-date', e)} />
          </div>
          <div class="field">
            <label for="appointment-time">${t.case.appointmentTime}</label>
            <input id="appointment-time" name="time" type="time" aria-invalid=${e?.['appointment-date'] ? 'true' : 'false'} aria-describedby=${describedBy('appointment-date', e)} />
          </div>
          <div class="field">
            <label for="appointment-channel">${t.case.appointmentChannel}</label>
            <select id="appointment-channel" name="channel">
              ${CHANNELS.map((c) => html`<option value=${c}>${t.channels[c]}</option>`)}
            </select>
          </div>
        </div>
        <div class="field">
          <label for="appointment-place">${t.case.appointmentPlace}</label>
          ${fieldError('appointment-place', e)}
          <input id="appointment-place" name="place" type="text" maxlength="200" aria-invalid=${e?.['appointment-place'] ? 'true' : 'false'} aria-describedby=${describedBy('appointment-place', e)} />
        </div>
        <div class="actions"><button class="primary" type="submit" ?disabled=${this.busy !== null}>${t.case.addAppointment}</button></div>
      </form>
    </section>`;
  }

  private addAppointment = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    const errors: FieldErrors = {};
    const at = new Date(`${value('date')}T${value('time')}`);
    if (!value('date') || !value('time') || Number.isNaN(at.getTime())) errors['appointment-date'] = this.t.case.appointmentDateMissing;
    else if (at.getTime() <= Date.now()) errors['appointment-date'] = this.t.case.appointmentPast;
    const place = value('place');
    return this.save(
      'appointment',
      errors,
      () => api.addAppointment(this.caseId, { at: at.toISOString(), channel: value('channel'), ...(place ? { place } : {}) }),
      form,
      { at: 'appointment-date', place: 'appointment-place' },
    );
  };

  private setOutcome(appointmentId: number, outcome: string) {
    return this.save('outcome', {}, () => api.setOutcome(this.caseId, appointmentId, outcome));
  }

  // ---- HR ----------------------------------------------------------------------------------

  private hr(file: CaseFile) {
    const t = this.t;
    const e = this.errors.hr;
    const current = file.hr;
    return html`<section aria-labelledby="hr-heading">
      <h2 id="hr-heading">${t.case.hr}</h2>
      <p>${current ? html`${t.case.hrState(current.notified, t.case.hrConsents[current.consent] ?? current.consent)} (${dateTime(this.lang, current.at)})` : t.case.hrState(false, '')}</p>
      <form novalidate @submit=${this.saveHr}>
        ${errorSummary(t, 'hr-summary', e, this.renderRoot as ShadowRoot)}
        <div class="choice">
          <input id="hr-notified" name="notified" type="checkbox" .checked=${current?.notified ?? false} />
          <label for="hr-notified">${t.case.hrNotified}</label>
        </div>
        <div class="field">
          <label for="hr-consent">${t.case.hrConsent}</label>
          ${fieldError('hr-consent', e)}
          <select id="hr-consent" name="consent" aria-invalid=${e?.['hr-consent'] ? 'true' : 'false'} aria-describedby=${describedBy('hr-consent', e)}>
            ${HR_CONSENTS.map((c) => html`<option value=${c} ?selected=${(current?.consent ?? 'none') === c}>${t.case.hrConsents[c]}</option>`)}
          </select>
        </div>
        <div class="actions"><button class="primary" type="submit" ?disabled=${this.busy !== null}>${t.case.saveHr}</button></div>
      </form>
    </section>`;
  }

  private saveHr = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const notified = (form.elements.namedItem('notified') as HTMLInputElement).checked;
    const consent = (form.elements.namedItem('consent') as HTMLSelectElement).value;
    const errors: FieldErrors = {};
    if (consent === 'named' && !notified) errors['hr-consent'] = this.t.case.hrNamedNeedsNotified;
    return this.save('hr', errors, () => api.setHr(this.caseId, notified, consent), undefined, { consent: 'hr-consent', notified: 'hr-notified' });
  };

  // ---- referrals ---------------------------------------------------------------------------

  private referrals(file: CaseFile) {
    const t = this.t;
    const e = this.errors.referral;
    return html`<section aria-labelledby="referrals-heading">
      <h2 id="referrals-heading">${t.case.referrals}</h2>
      ${file.referrals.length === 0
        ? html`<p>${t.case.noReferrals}</p>`
        : html`<ul class="entries">
            ${file.referrals.map((r) => html`<li>${t.case.referralTargets[r.to] ?? r.to}${r.detail ? html`: ${r.detail}` : nothing} <span class="meta">(${dateTime(this.lang, r.at)})</span></li>`)}
          </ul>`}
      <form novalidate @submit=${this.addReferral}>
        ${errorSummary(t, 'referral-summary', e, this.renderRoot as ShadowRoot)}
        <div class="field">
          <label for="referral-to">${t.case.referralTo}</label>
          <select id="referral-to" name="to">
            ${REFERRALS.map((r) => html`<option value=${r}>${t.case.referralTargets[r]}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="referral-detail">${t.case.referralNote}</label>
          ${fieldError('referral-detail', e)}
          <input id="referral-detail" name="detail" type="text" maxlength="200" aria-invalid=${e?.['referral-detail'] ? 'true' : 'false'} aria-describedby=${describedBy('referral-detail', e)} />
        </div>
        <div class="actions"><button class="primary" type="submit" ?disabled=${this.busy !== null}>${t.case.addReferral}</button></div>
      </form>
    </section>`;
  }

  private addReferral = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const to = (form.elements.namedItem('to') as HTMLSelectElement).value;
    const detail = (form.elements.namedItem('detail') as HTMLInputElement).value.trim();
    const errors: FieldErrors = {};
    if (to === 'other' && !detail) errors['referral-detail'] = this.t.case.referralDetailMissing;
    return this.save('referral', errors, () => api.addReferral(this.caseId, to, detail), form, { detail: 'referral-detail', to: 'referral-to' });
  };

  // ---- forward -----------------------------------------------------------------------------

  private forward(file: CaseFile) {
    const t = this.t;
    const e = this.errors.forward;
    if (file.status === 'forwarded' || file.status === 'closed') return nothing;
    return html`<section aria-labelledby="forward-heading">
      <h2 id="forward-heading">${t.case.forward}</h2>
      <p class="hint">${t.case.forwardIntro}</p>
      ${this.colleagues.length === 0
        ? html`<p>${t.case.noColleagues} <a href="#/settings">${t.nav.settings}</a></p>`
        : html`<form novalidate @submit=${this.forwardCase}>
            ${errorSummary(t, 'forward-summary', e, this.renderRoot as ShadowRoot)}
            <div class="field">
              <label for="forward-colleague">${t.case.colleague}</label>
              ${fieldError('forward-colleague', e)}
              <select id="forward-colleague" name="colleague" aria-invalid=${e?.['forward-colleague'] ? 'true' : 'false'} aria-describedby=${describedBy('forward-colleague', e)}>
                <option value="">${t.case.chooseColleague}</option>
                ${this.colleagues.map((c) => html`<option .value=${c.name}>${c.name}</option>`)}
              </select>
            </div>
            <div class="choice">
              <input id="forward-notes" name="includeNotes" type="checkbox" checked />
              <label for="forward-notes">${t.case.includeNotes}</label>
            </div>
            <div class="actions"><button type="submit" ?disabled=${this.busy !== null}>${t.case.forwardSubmit}</button></div>
          </form>`}
    </section>`;
  }

  private forwardCase = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const colleague = (form.elements.namedItem('colleague') as HTMLSelectElement).value;
    const includeNotes = (form.elements.namedItem('includeNotes') as HTMLInputElement).checked;
    const errors: FieldErrors = colleague ? {} : { 'forward-colleague': this.t.case.colleagueMissing };
    return this.save('forward', errors, () => api.forward(this.caseId, colleague, includeNotes), undefined, { colleague: 'forward-colleague' });
  };

  // ---- registration and closing ------------------------------------------------------------

  private registration(file: CaseFile) {
    const t = this.t;
    const e = this.errors.registration;
    const reg = file.registration;
    const closed = file.status === 'closed';
    const closedAt = closed ? file.statusHistory.filter((h) => h.status === 'closed').at(-1)?.at : undefined;
    const invalid = (id: string) => (e?.[id] ? 'true' : 'false');
    return html`<section aria-labelledby="registration-heading">
      <h2 id="registration-heading">${closed ? t.case.registration : t.case.close}</h2>
      ${closedAt ? html`<p>${t.case.closedOn(dateTime(this.lang, closedAt))}</p>` : nothing}
      <p class="hint">${t.case.registrationIntro}</p>
      <form novalidate @submit=${this.submitRegistration}>
        ${errorSummary(t, 'registration-summary', e, this.renderRoot as ShadowRoot)}
        <fieldset aria-describedby=${describedBy('reg-categories', e)}>
          <legend>${t.case.categories}</legend>
          ${fieldError('reg-categories', e)}
          ${CATEGORIES.map(
            (c, i) => html`<div class="choice">
              <input id=${i === 0 ? 'reg-categories' : `reg-category-${c}`} name="categories" type="checkbox" value=${c} .checked=${reg?.categories.includes(c) ?? false} />
              <label for=${i === 0 ? 'reg-categories' : `reg-category-${c}`}>${t.categories[c]}</label>
            </div>`,
          )}
        </fieldset>
        <div class="row">
          <div class="field">
            <label for="reg-unit">${t.case.regUnit}</label>
            <input id="reg-unit" name="unit" type="text" maxlength="100" .value=${reg?.unit ?? file.request.unit ?? ''} />
          </div>
          <div class="field">
            <label for="reg-region">${t.case.regRegion}</label>
            <input id="reg-region" name="region" type="text" maxlength="100" .value=${reg?.region ?? file.request.region ?? ''} />
          </div>
        </div>
        <div class="field">
          <label for="reg-role">${t.case.reporterRole}</label>
          ${fieldError('reg-role', e)}
          <select id="reg-role" name="reporterRole" aria-invalid=${invalid('reg-role')} aria-describedby=${describedBy('reg-role', e)}>
            <option value="">${t.case.chooseOne}</option>
            ${ROLES.map((r) => html`<option value=${r} ?selected=${reg?.reporterRole === r}>${t.reporterRoles[r]}</option>`)}
          </select>
        </div>
        <fieldset aria-describedby=${describedBy('reg-support', e)}>
          <legend>${t.case.support}</legend>
          ${fieldError('reg-support', e)}
          ${SUPPORT.map(
            (s, i) => html`<div class="choice">
              <input id=${i === 0 ? 'reg-support' : `reg-support-${s}`} name="support" type="checkbox" value=${s} .checked=${reg?.support.includes(s) ?? false} />
              <label for=${i === 0 ? 'reg-support' : `reg-support-${s}`}>${t.supportKinds[s]}</label>
            </div>`,
          )}
        </fieldset>
        <div class="row">
          <div class="field">
            <label for="reg-outcome">${t.case.regOutcome}</label>
            ${fieldError('reg-outcome', e)}
            <select id="reg-outcome" name="outcome" aria-invalid=${invalid('reg-outcome')} aria-describedby=${describedBy('reg-outcome', e)}>
              <option value="">${t.case.chooseOne}</option>
              ${REG_OUTCOMES.map((o) => html`<option value=${o} ?selected=${reg?.outcome === o}>${t.outcomesReg[o]}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="reg-contacts">${t.case.contacts}</label>
            ${fieldError('reg-contacts', e)}
            <input
              id="reg-contacts"
              name="contacts"
              type="number"
              inputmode="numeric"
              min="0"
              step="1"
              .value=${String(reg?.contacts ?? Math.max(1, file.appointments.filter((a) => a.outcome === 'held').length))}
              aria-invalid=${invalid('reg-contacts')}
              aria-describedby=${describedBy('reg-contacts', e)}
            />
          </div>
        </div>
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy !== null || file.status === 'forwarded'}>${closed ? t.case.saveRegistration : t.case.closeSubmit}</button>
        </div>
      </form>
    </section>`;
  }

  private submitRegistration = (event: SubmitEvent) => {
    event.preventDefault();
    const t = this.t;
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string) => { const value = data.get(name); return typeof value === 'string' ? value.trim() : ''; };
    const contactsRaw = text('contacts');
    const registration: Registration = {
      categories: data.getAll('categories').map(String),
      unit: text('unit') || null,
      region: text('region') || null,
      reporterRole: text('reporterRole'),
      support: data.getAll('support').map(String),
      outcome: text('outcome'),
      contacts: Number(contactsRaw),
    };
    const errors: FieldErrors = {};
    if (registration.categories.length === 0) errors['reg-categories'] = t.case.categoriesMissing;
    if (!registration.reporterRole) errors['reg-role'] = t.case.reporterRoleMissing;
    if (registration.support.length === 0) errors['reg-support'] = t.case.supportMissing;
    if (!registration.outcome) errors['reg-outcome'] = t.case.regOutcomeMissing;
    if (!/^\d{1,4}$/.test(contactsRaw)) errors['reg-contacts'] = t.case.contactsInvalid;
    const closed = this.file?.status === 'closed';
    return this.save('registration', errors, () => (closed ? api.saveRegistration(this.caseId, registration) : api.close(this.caseId, registration)), undefined, {
      categories: 'reg-categories',
      reporterRole: 'reg-role',
      support: 'reg-support',
      outcome: 'reg-outcome',
      contacts: 'reg-contacts',
      unit: 'reg-unit',
      region: 'reg-region',
    });
  };

  // ---- saving ------------------------------------------------------------------------------

  /**
   * Shows `errors` (and sends nothing) when there are any; else runs `change` and shows the case as
   * the server now has it. A refusal lands on the field the server names (`fields` maps its names
   * to this screen's ids), and changes nothing here either.
   */
  private async save(name: FormName, errors: FieldErrors, change: () => Promise<CaseFile>, form?: HTMLFormElement, fields: Record<string, string> = {}) {
    this.announcement = '';
    if (hasErrors(errors)) {
      this.errors = { ...this.errors, [name]: errors };
      return this.focusOn(`#${name}-summary`);
    }
    this.busy = name;
    try {
      this.file = await change();
      this.dispatchEvent(new ChangedEvent());
      this.errors = { ...this.errors, [name]: {} };
      form?.reset();
      this.announcement = this.t.saved;
    } catch (error) {
      if (this.isLocked(error)) return;
      if (error instanceof ApiError && error.code === 'not-found') return this.load();
      this.errors = { ...this.errors, [name]: refusalErrors(this.t, error, fields) };
      void this.focusOn(`#${name}-summary`);
    } finally {
      this.busy = null;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'vp-case': VpCase;
  }
}
