/**
 * The inbox: one list over every mailbox, urgent first and then by the time left until the
 * promised first contact (the server sorts). Overdue and almost due are said in words. Filters by
 * reference (as an employee reads it out on the phone), employer, status and "needs first
 * contact"; each mailbox's fetch status ("last fetched 10:42, relay unreachable"); "fetch now".
 */
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { compactReferenceStart } from '@vp-contact/protocol/schema';
import { api, type InboxFilter, type InboxItem, type Mailbox } from './api.js';
import { refusalErrors } from './form.js';
import { clock, dateTime, timeLeft } from './format.js';
import { Screen } from './screen.js';
import { shared } from './shared.styles.js';
import { styles } from './vp-inbox.styles.js';

const STATUSES = ['new', 'contacted', 'in-progress', 'closed', 'forwarded'] as const;

@customElement('vp-inbox')
export class VpInbox extends Screen {
  static override styles = [shared, styles];

  @state() private items: InboxItem[] | null = null;
  @state() private mailboxes: Mailbox[] = [];
  @state() private filter: InboxFilter = {};
  @state() private fetching = false;
  @state() private message = '';
  @state() private failure = '';
  @state() private unreadable = 0;
  @state() private referenceError = '';

  private poll: ReturnType<typeof setInterval> | undefined;

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
    // The fetch status lines follow the pull loop. GET /api/mailboxes does not count as use, so
    // this does not keep the workplace from locking itself when the counsellor walks away.
    this.poll = setInterval(() => void this.refreshMailboxes(), 20_000);
  }

  override disconnectedCallback() {
    clearInterval(this.poll);
    super.disconnectedCallback();
  }

  private async refreshMailboxes() {
    try {
      this.mailboxes = (await api.mailboxes()).mailboxes;
    } catch (error) {
      this.isLocked(error);
    }
  }

  /** Reads the inbox and the mailboxes' fetch status again (after "fetch now", a filter, coming back). */
  async load() {
    try {
      const [inbox, mailboxes] = await Promise.all([api.inbox(this.filter), api.mailboxes()]);
      this.items = inbox.items;
      this.unreadable = inbox.unreadable?.length ?? 0;
      this.mailboxes = mailboxes.mailboxes;
      this.failure = '';
    } catch (error) {
      if (!this.isLocked(error)) this.failure = refusalErrors(this.t, error, {})[''] ?? this.t.unexpected;
    }
  }

  override render() {
    const t = this.t;
    return html`<h1>${t.inbox.heading}</h1>
      ${this.failure ? html`<p class="notice bad" role="alert">${this.failure}</p>` : nothing}
      ${this.unreadable ? html`<p class="notice bad">${t.inbox.unreadable(this.unreadable)}</p>` : nothing}
      <h2>${t.inbox.mailboxes}</h2>
      <div class="toolbar">
        <button class="primary" type="button" ?disabled=${this.fetching} @click=${this.fetchNow}>${this.fetching ? t.inbox.fetching : t.inbox.fetchNow}</button>
        <p role="status" class="hint">${this.message}</p>
      </div>
      <ul class="mailboxes">
        ${this.mailboxes.map((m) => this.mailboxLine(m))}
      </ul>
      <h2>${t.inbox.filters}</h2>
      <form class="filters" @submit=${this.filterChanged} @change=${this.filterChanged}>
        <div class="field">
          <label for="reference">${t.inbox.reference}</label>
          <p class="hint" id="reference-hint">${t.inbox.referenceHint}</p>
          ${this.referenceError ? html`<p class="error" id="reference-error" role="alert">${this.referenceError}</p>` : nothing}
          <input id="reference" name="reference" type="search" spellcheck="false" autocomplete="off" .value=${this.filter.reference ?? ''}
            aria-invalid=${this.referenceError ? 'true' : 'false'} aria-describedby=${this.referenceError ? 'reference-hint reference-error' : 'reference-hint'} />
        </div>
        <div class="field">
          <label for="employer">${t.inbox.employer}</label>
          <select id="employer" name="employer">
            <option value="">${t.inbox.allEmployers}</option>
            ${this.employers().map((name) => html`<option .value=${name} ?selected=${this.filter.employer === name}>${name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="status">${t.inbox.status}</label>
          <select id="status" name="status">
            <option value="">${t.inbox.allStatuses}</option>
            ${STATUSES.map((s) => html`<option value=${s} ?selected=${this.filter.status === s}>${t.statuses[s]}</option>`)}
          </select>
        </div>
        <div class="choice">
          <input id="needs-first-contact" name="needsFirstContact" type="checkbox" .checked=${this.filter.needsFirstContact === true} />
          <label for="needs-first-contact">${t.inbox.needsFirstContact}</label>
        </div>
      </form>
      ${this.table()}`;
  }

  private employers(): string[] {
    return [...new Set(this.mailboxes.map((m) => m.employer))].sort((a, b) => a.localeCompare(b));
  }

  private mailboxLine(m: Mailbox) {
    const t = this.t;
    const status = m.status ?? { state: 'never', lastFetchedAt: null };
    const fetched = status.lastFetchedAt ? t.inbox.lastFetched(clock(this.lang, status.lastFetchedAt)) : t.inbox.neverFetched;
    const bad = status.state !== 'ok' && status.state !== 'never' && status.state !== 'fetching';
    const state = status.state === 'ok' ? t.inbox.ok : status.state === 'never' ? '' : (t.fetchErrors[status.state] ?? t.fetchErrors.error);
    return html`<li>
      <strong>${m.employer}</strong> (${m.mailbox}): ${fetched}${state ? html`, <span class=${bad ? 'bad' : ''}>${state}</span>` : nothing}
    </li>`;
  }

  private table() {
    const t = this.t;
    if (this.items === null) return html`<p role="status">${t.loading}</p>`;
    const filtered = Boolean(this.filter.reference || this.filter.employer || this.filter.status || this.filter.needsFirstContact);
    if (this.items.length === 0) return html`<p role="status">${filtered ? t.inbox.emptyFiltered : t.inbox.empty}</p>`;
    const c = t.inbox.columns;
    return html`<p role="status" class="visually-hidden">${t.inbox.count(this.items.length)}</p>
      <table>
        <caption>
          ${t.inbox.caption} (${t.inbox.count(this.items.length)})
        </caption>
        <thead>
          <tr>
            <th scope="col">${c.reference}</th>
            <th scope="col">${c.employer}</th>
            <th scope="col">${c.received}</th>
            <th scope="col">${c.timeLeft}</th>
            <th scope="col">${c.topics}</th>
            <th scope="col">${c.reach}</th>
            <th scope="col">${c.status}</th>
          </tr>
        </thead>
        <tbody>
          ${this.items.map(
            (item) => html`<tr>
              <th scope="row">
                <a class="reference" href="#/cases/${item.id}" aria-label=${t.inbox.open(item.reference)}>${item.reference}</a>
                ${item.urgent ? html`<div class="urgent">${t.inbox.urgent}</div>` : nothing}
              </th>
              <td>${item.employer}</td>
              <td>${dateTime(this.lang, item.receivedAt)}</td>
              <td class=${item.due === 'overdue' ? 'overdue' : item.due === 'almost-due' ? 'almost-due' : ''}>${timeLeft(t, item)}</td>
              <td>${item.topics.map((topic) => t.topics[topic] ?? topic).join(', ') || '—'}</td>
              <td>${item.reachBy.map((r) => t.reach[r]).join(', ') || t.reach.none}</td>
              <td>${t.statuses[item.status] ?? item.status}</td>
            </tr>`,
          )}
        </tbody>
      </table>`;
  }

  private filterChanged = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const reference = ((data.get('reference') as string | null) ?? '').trim();
    // Checked here as the server checks it, so a misheard letter is said next to the field.
    this.referenceError = reference && compactReferenceStart(reference) === null ? this.t.inbox.referenceInvalid : '';
    if (this.referenceError) return;
    this.filter = {
      reference: reference || undefined,
      employer: (data.get('employer') as string | null) || undefined,
      status: (data.get('status') as string | null) || undefined,
      needsFirstContact: data.get('needsFirstContact') !== null,
    };
    void this.load();
  };

  private fetchNow = async () => {
    this.fetching = true;
    this.message = this.t.inbox.fetching;
    try {
      this.mailboxes = (await api.fetchNow()).mailboxes;
      await this.load();
      this.message = this.t.inbox.fetched;
    } catch (error) {
      this.message = '';
      if (!this.isLocked(error)) this.failure = refusalErrors(this.t, error, {})[''] ?? this.t.unexpected;
    } finally {
      this.fetching = false;
    }
  };
}


declare global {
  interface HTMLElementTagNameMap {
    'vp-inbox': VpInbox;
  }
}
