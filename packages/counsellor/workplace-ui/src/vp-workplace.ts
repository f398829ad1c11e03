/**
 * <vp-workplace>: the shell. Asks the server whether the register is unlocked; shows the unlock
 * screen until it is, else the screen the address names (#/inbox, #/cases/17, #/settings), with
 * the menu, the language switch and "Lock". Any screen that meets 409 `locked` (the idle timer
 * locked it) brings the unlock screen back, and no case stays on screen. Above every screen, locked
 * or not, <vp-reminders> reminds of requests whose first contact is due soon; a saved change
 * (ChangedEvent) or another screen asks it to look again at once.
 */
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, ApiError } from './api.js';
import { ChangedEvent, LockedEvent } from './events.js';
import { isLang, type Lang } from './messages.js';
import { parseRoute, type Route } from './router.js';
import { Screen } from './screen.js';
import { shared } from './shared.styles.js';
import { UnlockedEvent } from './vp-unlock.js';
import { styles } from './vp-workplace.styles.js';
import './vp-case.js';
import './vp-inbox.js';
import './vp-settings.js';
import './vp-reports.js';
import './vp-reminders.js';
import { reportMessages } from './reports-messages.js';

const LANG_KEY = 'vp-workplace-lang';

@customElement('vp-workplace')
export class VpWorkplace extends Screen {
  static override styles = [shared, styles];

  @state() private unlocked: boolean | null = null;
  @state() private lockedBecause: null | 'idle' | 'lock' | 'start' = null;
  @state() private route: Route = parseRoute(location.hash);
  @state() private failure = '';

  private readonly onHash = () => {
    this.route = parseRoute(location.hash);
    void this.focusOn('main');
    this.refreshReminders();
  };
  private readonly refreshReminders = () => void this.renderRoot.querySelector('vp-reminders')?.refresh();
  private readonly onLocked = () => {
    this.unlocked = false;
    this.lockedBecause = 'idle';
  };
  private readonly onUnlocked = () => {
    this.unlocked = true;
    this.lockedBecause = null;
  };

  private watch: ReturnType<typeof setInterval> | undefined;

  override connectedCallback() {
    super.connectedCallback();
    // The server locks itself after the idle time; asking it now and then (GET /api/session does
    // not count as use) takes a case off the screen soon after, not only at the next click.
    this.watch = setInterval(() => void this.checkLock(), 15_000);
    window.addEventListener('hashchange', this.onHash);
    this.addEventListener(LockedEvent.type, this.onLocked);
    this.addEventListener(UnlockedEvent.type, this.onUnlocked);
    this.addEventListener(ChangedEvent.type, this.refreshReminders);
    void this.start();
  }

  override disconnectedCallback() {
    clearInterval(this.watch);
    window.removeEventListener('hashchange', this.onHash);
    super.disconnectedCallback();
  }

  private async start() {
    try {
      const session = await api.session();
      const chosen = localStorage.getItem(LANG_KEY);
      this.setLang(isLang(chosen) ? chosen : session.lang);
      this.unlocked = session.unlocked;
      this.lockedBecause = session.lockedBecause;
    } catch (error) {
      this.failure = error instanceof ApiError && error.status === 403 ? this.t.forbidden : this.t.serverDown;
    }
  }

  private async checkLock() {
    if (!this.unlocked) return;
    const session = await api.session().catch(() => null);
    if (session && !session.unlocked) {
      this.unlocked = false;
      this.lockedBecause = session.lockedBecause;
    }
  }

  private setLang(lang: Lang) {
    this.lang = lang;
    document.documentElement.lang = lang;
    document.title = this.t.appTitle;
  }

  override render() {
    const t = this.t;
    const at = this.route.screen;
    return html`<header>
        <p class="title">${t.appTitle}</p>
        ${this.unlocked
          ? html`<nav aria-label=${t.nav.label}>
              <ul>
                <li><a href="#/inbox" aria-current=${at === 'inbox' || at === 'case' ? 'page' : nothing}>${t.nav.inbox}</a></li>
                <li><a href="#/reports" aria-current=${at === 'reports' ? 'page' : nothing}>${reportMessages[this.lang].nav}</a></li>
                <li><a href="#/settings" aria-current=${at === 'settings' ? 'page' : nothing}>${t.nav.settings}</a></li>
              </ul>
            </nav>`
          : nothing}
        <div class="tools">
          <button type="button" lang=${t.otherLanguageCode} @click=${this.switchLang}>${t.otherLanguage}</button>
          ${this.unlocked ? html`<button type="button" @click=${this.lock}>${t.lock}</button>` : nothing}
        </div>
      </header>
      <main tabindex="-1">
        ${this.unlocked === null || this.failure ? nothing : html`<vp-reminders lang=${this.lang} ?unlocked=${this.unlocked}></vp-reminders>`} ${this.screen()}
      </main>`;
  }

  private screen() {
    const t = this.t;
    if (this.failure) return html`<h1>${t.appTitle}</h1><p class="notice bad" role="alert">${this.failure}</p>`;
    if (this.unlocked === null) return html`<h1>${t.appTitle}</h1><p role="status">${t.loading}</p>`;
    if (!this.unlocked) return html`<vp-unlock lang=${this.lang} .lockedBecause=${this.lockedBecause}></vp-unlock>`;
    switch (this.route.screen) {
      case 'case':
        return html`<vp-case lang=${this.lang} case-id=${this.route.id}></vp-case>`;
      case 'settings':
        return html`<vp-settings lang=${this.lang}></vp-settings>`;
      case 'reports':
        return html`<vp-reports lang=${this.lang}></vp-reports>`;
      default:
        return html`<vp-inbox lang=${this.lang}></vp-inbox>`;
    }
  }

  private switchLang = async () => {
    const next: Lang = this.lang === 'nl' ? 'en' : 'nl';
    this.setLang(next);
    localStorage.setItem(LANG_KEY, next);
    // Kept in the settings too when the server offers that; the browser's choice is enough otherwise.
    await api.setLang(next).catch(() => undefined);
  };

  private lock = async () => {
    try {
      await api.lock();
    } catch (error) {
      // Locking must never leave a case on screen: whatever the server said, show the unlock screen.
      if (!(error instanceof ApiError)) throw error;
    }
    this.unlocked = false;
    this.lockedBecause = 'lock';
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'vp-workplace': VpWorkplace;
  }
}
