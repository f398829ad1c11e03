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

/**
 * A screen saved a change that reminders depend on (a case's status, the reminder time): the shell
 * asks for the reminders at once instead of at the next poll.
 */
export class ChangedEvent extends Event {
  static readonly type = 'vp-workplace-changed';
  constructor() {
    super(ChangedEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'vp-workplace-locked': LockedEvent;
    'vp-workplace-changed': ChangedEvent;
  }
}
