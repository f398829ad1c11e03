/**
 * The unlock screen: the passphrase of the counsellor's key. Until it is given, the server holds
 * no key and the register stays closed. A wrong passphrase says so next to the field; there is no
 * lock-out on the counsellor's own machine.
 */
import { html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ApiError } from './api.js';
import { describedBy, errorSummary, fieldError, refusalErrors, type FieldErrors } from './form.js';
import { Screen } from './screen.js';
import { shared } from './shared.styles.js';
import { styles } from './vp-unlock.styles.js';

export class UnlockedEvent extends Event {
  static readonly type = 'vp-workplace-unlocked';
  constructor() {
    super(UnlockedEvent.type, { bubbles: true, composed: true });
  }
}

@customElement('vp-unlock')
export class VpUnlock extends Screen {
  static override styles = [shared, styles];

  /** Why the workplace is locked: after "Lock" or the idle timer, say that the key is gone. */
  @property({ attribute: false }) lockedBecause: null | 'idle' | 'lock' | 'start' = null;
  @state() private errors: FieldErrors = {};
  @state() private busy = false;

  override render() {
    const t = this.t;
    return html`<h1>${t.unlock.heading}</h1>
      ${this.lockedBecause === 'idle' || this.lockedBecause === 'lock' ? html`<p class="notice status" role="status">${t.unlock.locked}</p>` : ''}
      <p id="passphrase-hint" class="hint">${t.unlock.intro}</p>
      <form novalidate @submit=${this.submit}>
        ${errorSummary(t, 'unlock-summary', this.errors, this.renderRoot as ShadowRoot, 2)}
        <div class="field">
          <label for="passphrase">${t.unlock.passphrase}</label>
          ${fieldError('passphrase', this.errors)}
          <input
            id="passphrase"
            name="passphrase"
            type="password"
            autocomplete="current-password"
            spellcheck="false"
            aria-invalid=${this.errors.passphrase ? 'true' : 'false'}
            aria-describedby=${describedBy('passphrase', this.errors, true)}
          />
        </div>
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? t.unlock.busy : t.unlock.submit}</button>
        </div>
      </form>`;
  }

  override firstUpdated() {
    void this.focusOn('#passphrase');
  }

  private submit = async (event: Event) => {
    event.preventDefault();
    const input = this.renderRoot.querySelector('#passphrase') as HTMLInputElement;
    const t = this.t;
    if (input.value === '') {
      this.errors = { passphrase: t.unlock.empty };
      return this.focusOn('#unlock-summary');
    }
    this.busy = true;
    try {
      await api.unlock(input.value);
      input.value = '';
      this.errors = {};
      this.dispatchEvent(new UnlockedEvent());
    } catch (error) {
      this.errors =
        error instanceof ApiError && error.code === 'wrong-passphrase' ? { passphrase: t.unlock.wrong } : refusalErrors(t, error, { passphrase: 'passphrase' });
      input.select();
      void this.focusOn('#unlock-summary');
    } finally {
      this.busy = false;
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'vp-unlock': VpUnlock;
  }
  interface HTMLElementEventMap {
    'vp-workplace-unlocked': UnlockedEvent;
  }
}
