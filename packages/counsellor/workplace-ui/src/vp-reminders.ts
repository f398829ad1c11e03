/**
 * <vp-reminders>: the reminder at the top of every screen, shown when requests still wait for a
 * first contact and less than the reminder time is left (or they are overdue). Unlocked, it names
 * them (with a link to each); locked, only how many, since the app cannot read the register then.
 * It asks the server now and then (GET /api/reminders, which does not count as use, so the idle
 * lock still comes); `refresh()` asks at once, as the shell does after a change.
 *
 * When a request joins the reminder, screen readers hear it once, the hidden reminder comes back,
 * and, if the counsellor turned notifications on, the browser shows its content-free notification
 * when the workplace is not in front (notifications.ts).
 */
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, type Reminders } from './api.js';
import { timeLeft } from './format.js';
import { closeReminderNotification, notifyReminder } from './notifications.js';
import { Screen } from './screen.js';
import { shared } from './shared.styles.js';
import { styles } from './vp-reminders.styles.js';

/** How often the page asks: often enough that a reminder is never long late, cheap on loopback. */
const EVERY_MS = 20_000;

@customElement('vp-reminders')
export class VpReminders extends Screen {
  static override styles = [shared, styles];

  /** Whether the register is unlocked (the shell knows): asked again at once when it changes. */
  @property({ type: Boolean }) unlocked = false;

  @state() private reminders: Reminders | null = null;
  @state() private dismissed = false;
  @state() private announcement = '';

  /** What the last answer held: a reminder "grows" when the count rises or, unlocked, a new request joins. */
  private last: { count: number; unlocked: boolean; ids: Set<number> } = { count: 0, unlocked: false, ids: new Set() };
  private timer: ReturnType<typeof setInterval> | undefined;

  private readonly onVisible = () => {
    if (document.visibilityState === 'visible') closeReminderNotification();
  };

  override connectedCallback() {
    super.connectedCallback();
    this.timer = setInterval(() => void this.refresh(), EVERY_MS);
    document.addEventListener('visibilitychange', this.onVisible);
  }

  override disconnectedCallback() {
    clearInterval(this.timer);
    document.removeEventListener('visibilitychange', this.onVisible);
    super.disconnectedCallback();
  }

  protected override updated(changed: PropertyValues<this>) {
    if (changed.has('unlocked')) void this.refresh();
  }

  /** Asks the server now. A failure leaves the last reminder as it was: the shell reports a server that is down. */
  async refresh(): Promise<void> {
    let now: Reminders;
    try {
      now = await api.reminders();
    } catch {
      return;
    }
    const ids = new Set(now.items.map((item) => item.id));
    const joined = now.unlocked && this.last.unlocked && [...ids].some((id) => !this.last.ids.has(id));
    const grew = now.count > this.last.count || joined;
    this.last = { count: now.count, unlocked: now.unlocked, ids };
    this.reminders = now;
    if (now.count === 0) this.announcement = '';
    if (!grew) return;
    this.dismissed = false;
    // Emptied first, so the same words as last time (2, then 1, then 2 again) are heard again.
    this.announcement = '';
    await this.updateComplete;
    this.announcement = this.t.reminders.announce(now.count, now.reminderHours);
    if (document.visibilityState === 'hidden' || !document.hasFocus()) notifyReminder(this.t, this.lang);
  }

  override render() {
    const r = this.t.reminders;
    const now = this.reminders;
    const shown = now !== null && now.count > 0 && !this.dismissed;
    // Names only while the shell knows the register is open: after Lock nothing of a case stays on
    // screen, not even until the next answer (or when the server cannot be asked).
    return html`<p role="status" class="visually-hidden">${this.dismissed ? r.hidden : this.announcement}</p>
      ${shown
        ? html`<section class="reminder" aria-labelledby="reminder-heading">
            <h2 id="reminder-heading">${r.heading}</h2>
            ${now.unlocked && this.unlocked
              ? html`<p>${r.intro(now.count, now.reminderHours)}</p>
                  <ul>
                    ${now.items.map(
                      (item) => html`<li>
                        <a href="#/cases/${item.id}">${item.reference}</a> (${item.employer}${item.urgent ? html`, <strong>${this.t.inbox.urgent.toLowerCase()}</strong>` : nothing}):
                        ${timeLeft(this.t, item)}
                      </li>`,
                    )}
                  </ul>`
              : html`<p>${r.locked(now.count, now.reminderHours)}</p>`}
            <button type="button" @click=${this.hide}>${r.hide}</button>
          </section>`
        : nothing}`;
  }

  private hide = () => {
    this.dismissed = true;
    // The button is gone: the keyboard goes on from the top of the screen, not from nowhere.
    this.closest('main')?.focus();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'vp-reminders': VpReminders;
  }
}
