/**
 * The browser's own notifications, for reminders. Only when the counsellor turned them on here (the
 * browser asks for permission then, never unasked), and always the same fixed words: a
 * notification can show on a locked screen or a shared display, so it says that something waits
 * and nothing else (no reference, no employer, no name, no count).
 */
import type { Messages } from './messages.js';

const KEY = 'vp-workplace-notifications';

export type NotificationState = 'unsupported' | 'denied' | 'on' | 'off';

const supported = () => typeof Notification === 'function';

/** On: the browser allows it and the counsellor chose it in this browser. */
export function notificationState(): NotificationState {
  if (!supported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  return Notification.permission === 'granted' && localStorage.getItem(KEY) === 'on' ? 'on' : 'off';
}

/** Asks the browser (from the counsellor's own click) and remembers the choice in this browser. */
export async function turnNotificationsOn(): Promise<NotificationState> {
  if (!supported()) return 'unsupported';
  const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
  if (permission === 'granted') localStorage.setItem(KEY, 'on');
  return notificationState();
}

/** A page cannot take back the browser's permission; it stops using it. */
export function turnNotificationsOff(): NotificationState {
  localStorage.removeItem(KEY);
  return notificationState();
}

let shown: Notification | null = null;

/** Takes the notification off the screen (the workplace is in front again: its reminder says it all). */
export function closeReminderNotification(): void {
  shown?.close();
  shown = null;
}

/** Shows the one notification there is, when on; a click brings the workplace to the front. */
export function notifyReminder(t: Messages, lang: string): void {
  if (notificationState() !== 'on') return;
  // One at a time, under one tag, so they do not pile up. The old one is closed first: a new one
  // that only replaced it under the same tag would make no sound and show no banner.
  closeReminderNotification();
  const notification = new Notification(t.reminders.notificationTitle, { body: t.reminders.notificationBody, tag: 'vp-workplace-reminder', lang });
  notification.onclick = () => {
    window.focus();
    location.hash = '#/inbox';
    closeReminderNotification();
  };
  shown = notification;
}
