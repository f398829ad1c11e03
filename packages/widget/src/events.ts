/**
 * The element's events. They carry no plaintext of a request, ever: vp-sent only the reference
 * and the relay's id, vp-error only a code. Both bubble out of the shadow root, so the page can
 * listen on document (for instance for anonymous usage counts).
 */
import type { FailureReason } from './messages.js';

/** The codes vp-error carries: a sending failure, or a configuration the element cannot use. */
export type VpErrorCode = FailureReason | 'config-invalid';

export class VpSentEvent extends Event {
  static readonly type = 'vp-sent';
  constructor(readonly detail: { readonly reference: string; readonly id: string }) {
    super(VpSentEvent.type, { bubbles: true, composed: true });
  }
}

export class VpErrorEvent extends Event {
  static readonly type = 'vp-error';
  constructor(readonly detail: { readonly code: VpErrorCode }) {
    super(VpErrorEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'vp-sent': VpSentEvent;
    'vp-error': VpErrorEvent;
  }
}
