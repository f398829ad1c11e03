/**
 * What the screens share: the counsellor's language, and one way to handle a refusal that means
 * "locked" (tell the shell) so no screen keeps showing a case after the key is gone.
 */
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { ApiError } from './api.js';
import { LockedEvent } from './events.js';
import { messages, type Lang, type Messages } from './messages.js';

export class Screen extends LitElement {
  /** The counsellor's language. */
  @property() override lang: Lang = 'nl';

  protected get t(): Messages {
    return messages[this.lang] ?? messages.nl;
  }

  /** True (and the shell told) when the error means the register is locked. */
  protected isLocked(error: unknown): boolean {
    if (error instanceof ApiError && error.code === 'locked') {
      this.dispatchEvent(new LockedEvent());
      return true;
    }
    return false;
  }

  /** Moves the keyboard focus to an element of this screen once it is drawn. */
  protected async focusOn(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }
}
