/**
 * The element's events. They carry no plaintext of a request and no identifier, ever: vp-sent
 * says only that a request was accepted, vp-error only a code. A reference or the relay's request
 * id in an event would let the page's analytics join a person to the relay's database and the
 * counsellor's files. Both bubble out of the shadow root, so the page can listen on document (for
 * instance for anonymous usage counts).
 */
import type { FailureReason } from './messages.js';

/** The codes vp-error carries: a sending failure, or a configuration the element cannot use. */
export type VpErrorCode = FailureReason | 'config-invalid';

/** vp-sent's detail: deliberately empty (no reference, no request id). */
export type VpSentDetail = Readonly<Record<never, never>>;

export class VpSentEvent extends Event {
  static readonly type = 'vp-sent';
  readonly detail: VpSentDetail = {};
  constructor() {
    super(VpSentEvent.type, { bubbles: true, composed: true });
  }
}

export class VpErrorEvent extends Event {
  static readonly type = 'vp-error';
  constructor(readonly detail: { readonly code: VpErrorCode }) {
    super(VpErrorEvent.type, { bubbles: true, composed: true });
  }
}

// GlobalEventHandlersEventMap is what HTMLElementEventMap, DocumentEventMap and WindowEventMap
// extend: `document.addEventListener('vp-sent', …)` and `element.addEventListener(…)` both know the type.
declare global {
  interface GlobalEventHandlersEventMap {
    'vp-sent': VpSentEvent;
    'vp-error': VpErrorEvent;
  }
}
