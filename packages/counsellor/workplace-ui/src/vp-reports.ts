/**
 * Reports (issue #13): per employer, the yearly report (opened as its own page, which prints as
 * a clean A4 document, and CSV) with the counsellor's text on trends and advice typed here, and
 * the monthly hours specification. The numbers are made by the server (/api/reports/...).
 */
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, ApiError, type Mailbox } from './api.js';
import { reportMessages } from './reports-messages.js';
import { Screen } from './screen.js';
import { shared } from './shared.styles.js';
import { styles } from './vp-reports.styles.js';

const YEAR = /^\d{4}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

async function reportText(mailbox: string, year: string): Promise<string> {
  const response = await fetch(`/api/reports/text?mailbox=${encodeURIComponent(mailbox)}&year=${encodeURIComponent(year)}`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  const body = (await response.json().catch(() => ({}))) as { text?: string; error?: { code?: string } };
  if (!response.ok) throw new ApiError(response.status, body.error?.code ?? `http-${response.status}`);
  return body.text ?? '';
}

async function saveReportText(mailbox: string, year: number, text: string): Promise<void> {
  const response = await fetch('/api/reports/text', {
    method: 'PUT',
    credentials: 'same-origin',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify({ mailbox, year, text }),
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
    throw new ApiError(response.status, body.error?.code ?? `http-${response.status}`);
  }
}

@customElement('vp-reports')
export class VpReports extends Screen {
  static override styles = [shared, styles];

  @state() private mailboxes: Mailbox[] | null = null;
  @state() private mailbox = '';
  @state() private year = String(new Date().getFullYear() - 1);
  @state() private month = (() => {
    const d = new Date();
    d.setMonth(d.getMonth() - 1);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  })();
  @state() private text = '';
  @state() private announcement = '';
  @state() private failure = '';

  private get r() {
    return reportMessages[this.lang] ?? reportMessages.nl;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.mailboxes = (await api.mailboxes()).mailboxes;
      this.mailbox = this.mailboxes[0]?.id ?? '';
      await this.loadText();
    } catch (error) {
      if (!this.isLocked(error)) this.failure = this.r.failed;
    }
  }

  private async loadText() {
    if (!this.mailbox || !YEAR.test(this.year)) return;
    this.text = await reportText(this.mailbox, this.year);
  }

  private link(kind: 'yearly' | 'hours', format: 'html' | 'csv'): string {
    const q = new URLSearchParams({ mailbox: this.mailbox, lang: this.lang, format });
    if (kind === 'yearly') q.set('year', this.year);
    else q.set('month', this.month);
    return `/api/reports/${kind}?${q.toString()}`;
  }

  override render() {
    const r = this.r;
    const yearOk = YEAR.test(this.year);
    const monthOk = MONTH.test(this.month);
    return html`<h1>${r.heading}</h1>
      <p>${r.intro}</p>
      ${this.failure ? html`<p class="notice bad" role="alert">${this.failure}</p>` : nothing}
      <p role="status" class="ok">${this.announcement}</p>
      ${this.mailboxes === null
        ? html`<p>${this.t.loading}</p>`
        : this.mailboxes.length === 0
          ? html`<p>${r.noMailboxes}</p>`
          : html`<div class="field">
                <label for="rp-employer">${r.employer}</label>
                <select id="rp-employer" @change=${this.pickEmployer}>
                  ${this.mailboxes.map((m) => html`<option value=${m.id} ?selected=${m.id === this.mailbox}>${m.employer}</option>`)}
                </select>
              </div>
              <section aria-labelledby="rp-yearly">
                <h2 id="rp-yearly">${r.yearly}</h2>
                <div class="field">
                  <label for="rp-year">${r.year}</label>
                  <p class="hint" id="rp-year-hint">${r.yearHint}</p>
                  ${yearOk ? nothing : html`<p class="bad" id="rp-year-error">${r.badYear}</p>`}
                  <input id="rp-year" inputmode="numeric" .value=${this.year} aria-invalid=${yearOk ? 'false' : 'true'} aria-describedby=${yearOk ? 'rp-year-hint' : 'rp-year-hint rp-year-error'} @change=${this.pickYear} />
                </div>
                <form novalidate @submit=${this.save}>
                  <div class="field">
                    <label for="rp-text">${r.text}</label>
                    <p class="hint" id="rp-text-hint">${r.textHint}</p>
                    <textarea id="rp-text" aria-describedby="rp-text-hint" .value=${this.text} @input=${(e: Event) => (this.text = (e.target as HTMLTextAreaElement).value)}></textarea>
                  </div>
                  <div class="actions"><button class="primary" type="submit" ?disabled=${!yearOk}>${r.saveText}</button></div>
                </form>
                ${yearOk
                  ? html`<ul class="list">
                      <li><a href=${this.link('yearly', 'html')} target="_blank" rel="noopener">${r.openReport} <span class="hint">${r.newWindow}</span></a></li>
                      <li><a href=${this.link('yearly', 'csv')} download>${r.csv}</a></li>
                    </ul>`
                  : nothing}
              </section>
              <section aria-labelledby="rp-hours">
                <h2 id="rp-hours">${r.hours}</h2>
                <div class="field">
                  <label for="rp-month">${r.month}</label>
                  <p class="hint" id="rp-month-hint">${r.monthHint}</p>
                  ${monthOk ? nothing : html`<p class="bad" id="rp-month-error">${r.badMonth}</p>`}
                  <input id="rp-month" .value=${this.month} aria-invalid=${monthOk ? 'false' : 'true'} aria-describedby=${monthOk ? 'rp-month-hint' : 'rp-month-hint rp-month-error'} @change=${(e: Event) => (this.month = (e.target as HTMLInputElement).value.trim())} />
                </div>
                ${monthOk
                  ? html`<ul class="list">
                      <li><a href=${this.link('hours', 'html')} target="_blank" rel="noopener">${r.openHours} <span class="hint">${r.newWindow}</span></a></li>
                      <li><a href=${this.link('hours', 'csv')} download>${r.csv}</a></li>
                    </ul>`
                  : nothing}
              </section>`}`;
  }

  private pickEmployer = async (e: Event) => {
    this.mailbox = (e.target as HTMLSelectElement).value;
    await this.loadText().catch((error: unknown) => void this.isLocked(error));
  };

  private pickYear = async (e: Event) => {
    this.year = (e.target as HTMLInputElement).value.trim();
    this.announcement = '';
    await this.loadText().catch((error: unknown) => void this.isLocked(error));
  };

  private save = async (e: Event) => {
    e.preventDefault();
    this.announcement = '';
    this.failure = '';
    try {
      await saveReportText(this.mailbox, Number(this.year), this.text);
      this.announcement = this.r.saved;
    } catch (error) {
      if (!this.isLocked(error)) this.failure = this.r.failed;
    }
  };
}
