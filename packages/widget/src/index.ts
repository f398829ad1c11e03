/** @vp-contact/widget: importing this module defines <vp-contact> (once, however often it is loaded). */
export { VpContact } from './vp-contact.js';
export { VpErrorEvent, VpSentEvent, type VpErrorCode, type VpSentDetail } from './events.js';
export type { FailureReason } from './messages.js';
