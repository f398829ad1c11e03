/**
 * A promise in working days ("within 2 working days", the embed's response-working-days): the due
 * time is the same clock time on the Nth working day (Monday to Friday) after the day the request
 * arrived, in this computer's time zone. So a request of Friday 15:00 is due Tuesday 15:00, and one
 * of Saturday 15:00 too. Public holidays are not known here and count as working days: the app
 * reminds a day early rather than a day late.
 */
export function addWorkingDays(from: Date, days: number): Date {
  const due = new Date(from.getTime());
  let counted = 0;
  while (counted < days) {
    // Local calendar days: the clock time stays the same across a change to or from summer time.
    due.setDate(due.getDate() + 1);
    const weekday = due.getDay();
    if (weekday !== 0 && weekday !== 6) counted++;
  }
  return due;
}
