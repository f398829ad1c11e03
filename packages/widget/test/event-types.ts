// A type-level test, never run: `tsc -p tsconfig.test.json` (the first step of test:browser)
// compiles it, and fails if the page's view of the widget's events and tag stops type-checking.
import type { VpContact, VpErrorCode, VpSentDetail } from '../src/index.js';

// The events are in GlobalEventHandlersEventMap: document, window and any element know them.
document.addEventListener('vp-sent', (event) => {
  const detail: VpSentDetail = event.detail;
  // @ts-expect-error vp-sent carries no reference (and no relay id): nothing that identifies a request.
  void detail.reference;
  // @ts-expect-error nor the relay's request id.
  void event.detail.id;
});
document.addEventListener('vp-error', (event) => {
  const code: VpErrorCode = event.detail.code;
  void code;
});
window.addEventListener('vp-error', (event) => void event.detail.code);
document.body.addEventListener('vp-sent', (event) => void event.detail);

// The tag maps to the class.
const created: VpContact = document.createElement('vp-contact');
const found: VpContact | null = document.querySelector('vp-contact');
created.addEventListener('vp-error', (event) => void event.detail.code);
void found;

// A type the maps do not know stays an error.
// @ts-expect-error vp-error's detail has only a code
document.addEventListener('vp-error', (event) => void event.detail.reference);
