/**
 * What a screen tells the shell: the server answered 409 `locked` (the idle timer or another tab
 * locked it), so the shell shows the unlock screen. Bubbles out of the shadow roots.
 */
export class LockedEvent extends Event {
  static readonly type = 'vp-workplace-locked';
  constructor() {
    super(LockedEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'vp-workplace-locked': LockedEvent;
  }
}
